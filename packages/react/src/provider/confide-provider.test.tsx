import { memoryTransport } from '@confide/core';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { render, screen, waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { ComposeSecureMessage } from '../components/compose-secure-message/compose-secure-message.js';
import { MessageIndex } from '../components/message-index/message-index.js';
import { useViewer } from '../hooks/use-viewer.js';
import { ConfideProvider } from './confide-provider.js';

function ViewerName() {
  const { viewer } = useViewer();
  return <p>{viewer?.name ?? 'loading'}</p>;
}

describe('ConfideProvider', () => {
  it('builds a client from a transport and keeps its data in the host QueryClient under confide keys', async () => {
    const hostClient = new QueryClient();
    render(
      <ConfideProvider transport={memoryTransport()} queryClient={hostClient}>
        <ViewerName />
      </ConfideProvider>,
    );
    expect(await screen.findByText('Ben Cho')).toBeInTheDocument();
    const keys = hostClient
      .getQueryCache()
      .getAll()
      .map((query) => query.queryKey[0]);
    expect(keys.length).toBeGreaterThan(0);
    expect(new Set(keys)).toEqual(new Set(['confide']));
  });

  it("never writes into the host's default react-query client", async () => {
    const defaultClient = new QueryClient();
    render(
      <QueryClientProvider client={defaultClient}>
        <ConfideProvider transport={memoryTransport()}>
          <ViewerName />
        </ConfideProvider>
      </QueryClientProvider>,
    );
    expect(await screen.findByText('Ben Cho')).toBeInTheDocument();
    expect(defaultClient.getQueryCache().getAll()).toHaveLength(0);
  });

  it("applies the provider's strings to every component, a component's own overrides winning", async () => {
    render(
      <ConfideProvider
        transport={memoryTransport()}
        overrides={{ COMPOSER_SEND: 'Envoyer', LOADING: 'Chargement…' }}
      >
        <ComposeSecureMessage overrides={{ COMPOSER_SEND: 'Expédier' }} />
        <MessageIndex />
      </ConfideProvider>,
    );
    expect(screen.getByRole('button', { name: 'Expédier' })).toBeInTheDocument();
    expect(screen.getByRole('status', { name: 'Chargement…' })).toBeInTheDocument();
  });

  it('explains a missing provider', () => {
    expect(() => render(<ViewerName />)).toThrow(/inside <ConfideProvider>/);
  });

  it('disposes the client it built when it unmounts', async () => {
    const transport = memoryTransport();
    const { unmount } = render(
      <ConfideProvider transport={transport}>
        <ViewerName />
      </ConfideProvider>,
    );
    await screen.findByText('Ben Cho');
    await waitFor(() => expect(transport.backend.subscriberCount).toBe(1));
    unmount();
    await waitFor(() => expect(transport.backend.subscriberCount).toBe(0));
  });
});
