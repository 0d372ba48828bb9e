import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { createRef, useState } from 'react';
import { describe, expect, it, vi } from 'vitest';
import { Composer, MessageIndex, Notification, Thread } from './index.js';

function Form({ onSend }: { onSend: () => void }) {
  const [body, setBody] = useState('');
  return (
    <Composer.Root
      onSubmit={(event) => {
        event.preventDefault();
        onSend();
      }}
    >
      <Composer.Body aria-label="Body" value={body} onValueChange={setBody} />
      <Composer.Submit>Send</Composer.Submit>
    </Composer.Root>
  );
}

describe('primitives', () => {
  it('render one element each with their state as data attributes', () => {
    render(
      <Thread.Root data-testid="root">
        <Thread.Messages>
          <Thread.Message data-testid="message" direction="inbound" state="failed" internal>
            Hi
          </Thread.Message>
        </Thread.Messages>
        <MessageIndex.Item data-testid="item" unread active />
        <Notification.Item data-testid="notification" unread />
      </Thread.Root>,
    );
    const message = screen.getByTestId('message');
    expect(message).toHaveAttribute('data-direction', 'inbound');
    expect(message).toHaveAttribute('data-state', 'failed');
    expect(message).toHaveAttribute('data-internal');
    expect(screen.getByTestId('item')).toHaveAttribute('data-unread');
    expect(screen.getByTestId('item')).toHaveAttribute('data-state', 'active');
    expect(screen.getByTestId('notification').tagName).toBe('LI');
  });

  it('render the host element with asChild, merging class names, handlers and refs', async () => {
    const ref = createRef<HTMLDivElement>();
    const onPart = vi.fn();
    const onChild = vi.fn();
    render(
      <Thread.Root asChild className="part" onClick={onPart} ref={ref}>
        <button type="button" className="host" onClick={onChild}>
          thread
        </button>
      </Thread.Root>,
    );
    const section = screen.getByRole('button', { name: 'thread' });
    expect(section).toHaveClass('part', 'host');
    await userEvent.click(section);
    expect(onChild).toHaveBeenCalledTimes(1);
    expect(onPart).toHaveBeenCalledTimes(1);
    expect(ref.current as unknown).toBe(section);
  });

  it('submit the composer with Ctrl+Enter or Cmd+Enter, and disable Submit while sending', async () => {
    const onSend = vi.fn();
    render(<Form onSend={onSend} />);
    await userEvent.type(screen.getByRole('textbox', { name: 'Body' }), 'Hello{Control>}{Enter}{/Control}');
    await userEvent.keyboard('{Meta>}{Enter}{/Meta}');
    expect(onSend).toHaveBeenCalledTimes(2);
    render(<Composer.Submit state="sending">Send</Composer.Submit>);
    const buttons = screen.getAllByRole('button', { name: 'Send' });
    expect(buttons[1]).toBeDisabled();
    expect(buttons[1]).toHaveAttribute('data-disabled');
  });
});
