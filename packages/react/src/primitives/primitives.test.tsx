import { fireEvent, render, screen } from '@testing-library/react';
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

function PasteBody({ onPasteFiles }: { onPasteFiles: (files: File[]) => void }) {
  const [body, setBody] = useState('Hi ');
  return <Composer.Body aria-label="Body" value={body} onValueChange={setBody} onPasteFiles={onPasteFiles} />;
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

  it.each([
    ['a screenshot', ['Files'], '', true],
    ['files copied in a file manager (their names as text)', ['text/plain', 'Files'], 'scan.png', true],
    [
      'text from a word processor (with a picture of it)',
      ['text/plain', 'text/html', 'Files'],
      'Dear Ana',
      false,
    ],
    ['plain text', ['text/plain'], 'Dear Ana', false],
  ])(
    'hand the files of a paste of %s to onPasteFiles, else insert the text',
    (_name, types, text, asFiles) => {
      const onPasteFiles = vi.fn();
      render(<PasteBody onPasteFiles={onPasteFiles} />);
      const box = screen.getByRole('textbox', { name: 'Body' }) as HTMLTextAreaElement;
      box.setSelectionRange(3, 3);
      const file = new File(['png'], 'scan.png', { type: 'image/png' });
      const files = types.includes('Files') ? [file] : [];
      fireEvent.paste(box, {
        clipboardData: { types, files, getData: (type: string) => (type === 'text/plain' ? text : '') },
      });
      expect(onPasteFiles).toHaveBeenCalledTimes(asFiles ? 1 : 0);
      if (asFiles) expect(onPasteFiles).toHaveBeenCalledWith([file]);
      expect(box).toHaveValue(asFiles ? 'Hi ' : `Hi ${text}`);
    },
  );

  it('paste only text without onPasteFiles, whatever else the clipboard holds', () => {
    render(<Form onSend={() => {}} />);
    const box = screen.getByRole('textbox', { name: 'Body' });
    const file = new File(['png'], 'scan.png', { type: 'image/png' });
    fireEvent.paste(box, {
      clipboardData: { types: ['text/plain', 'Files'], files: [file], getData: () => 'scan.png' },
    });
    expect(box).toHaveValue('scan.png');
  });
});
