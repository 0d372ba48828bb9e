// @vitest-environment node
import { createConfideClient, httpTransport } from '@confide/core';
import { createMockServer } from '@confide/mocks';
import { renderToString } from 'react-dom/server';
import { afterAll, describe, expect, it } from 'vitest';
import {
  ComposeSecureMessage,
  ConfideProvider,
  MessageIndex,
  NotificationBell,
  NotificationList,
  NotificationSettingsForm,
  ThreadView,
} from './index.js';

// Never mounted: a server render makes no request, and the provider's effect never runs there.
const client = createConfideClient({ transport: httpTransport(createMockServer().as('ben')), live: false });
afterAll(() => client.dispose());

function renderOnServer(element: React.ReactElement) {
  return renderToString(<ConfideProvider client={client}>{element}</ConfideProvider>);
}

describe('server rendering', () => {
  it('runs where there is no window', () => {
    expect(typeof window).toBe('undefined');
    expect(typeof document).toBe('undefined');
  });

  it.each([
    ['ThreadView', <ThreadView key="thread" conversationId={'cnv_1' as never} />, 'confide-thread'],
    ['MessageIndex', <MessageIndex key="index" />, 'confide-index'],
    ['ComposeSecureMessage', <ComposeSecureMessage key="compose" audience="firm" />, 'confide-compose'],
    ['NotificationBell', <NotificationBell key="bell" />, 'confide-bell'],
    ['NotificationList', <NotificationList key="list" />, 'confide-notifications'],
    ['NotificationSettingsForm', <NotificationSettingsForm key="settings" />, 'confide-settings'],
  ])('renders %s to a string in its first state', (_name, element, rootClass) => {
    const html = renderOnServer(element);
    expect(html).toContain(rootClass);
    expect(html).not.toContain('Something went wrong');
  });

  it('renders the thread and the index as loading skeletons until data arrives', () => {
    expect(renderOnServer(<ThreadView conversationId={'cnv_1' as never} />)).toContain(
      'data-state="loading"',
    );
    expect(renderOnServer(<MessageIndex />)).toContain('data-state="loading"');
  });
});
