import { Blob as NodeBlob } from 'node:buffer';
import type { ConversationId } from '@confide/core';
import { createEvent, fireEvent, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import {
  axeViolations,
  clientFor,
  createMockServer,
  disposeClients,
  renderWith,
  seedConversation,
  transportFor,
} from '../../test/setup-client.js';
import { ComposeSecureMessage } from '../compose-secure-message/compose-secure-message.js';
import { MessageIndex } from '../message-index/message-index.js';
import { ThreadView } from '../thread-view/thread-view.js';

// jsdom's Blob has no stream(), which the mocks' in-memory upload store calls on the bytes it keeps (reported to
// the server's owners; hosts' jsdom tests meet the same): the mock server gets Node's Blob, as in Node.
beforeAll(() => {
  vi.stubGlobal('Blob', NodeBlob);
});

afterEach(() => {
  disposeClients();
  vi.restoreAllMocks();
});

// A real PDF's first bytes: the server decides the type from them, never from the name.
const pdf = (name: string, text = 'passport scan') =>
  new File([`%PDF-1.7\n%\u00e2\u00e3\n1 0 obj <<>> endobj\n% ${text}\n%%EOF\n`], name, {
    type: 'application/pdf',
  });
// A Windows program's first bytes ("MZ"), whatever its name says.
const program = (name: string) =>
  new File(['MZ\u0090\u0000\u0003\u0000\u0000\u0000'], name, { type: 'application/pdf' });

function fileInput(container: HTMLElement, scope: string): HTMLInputElement {
  const input = container.querySelector<HTMLInputElement>(`${scope} input[type="file"]`);
  if (!input) throw new Error(`No file input in ${scope}`);
  return input;
}

async function pick(input: HTMLInputElement, ...files: File[]) {
  await userEvent.upload(input, files);
}

describe('attachments, wired to the SDK and the mock server', () => {
  it('Daniel replies with a file; Ben sees it in the thread and can download it', async () => {
    const mock = createMockServer();
    const id = await seedConversation(mock);
    const daniel = await clientFor(mock, 'daniel');
    const { container, unmount } = renderWith(daniel, <ThreadView conversationId={id} />);
    await screen.findByRole('textbox', { name: 'Reply' });
    const attach = screen.getByRole('button', { name: 'Attach files' });
    expect(attach.tagName).toBe('BUTTON');
    await pick(fileInput(container, '.confide-reply'), pdf('Passport scan.pdf'));
    const chips = await screen.findByRole('list', { name: 'Files to send' });
    await within(chips).findByText('Uploaded');
    expect(await axeViolations(container)).toEqual([]);
    const send = screen.getByRole('button', { name: 'Send' });
    await waitFor(() => expect(send).toBeEnabled());
    await userEvent.click(send);
    await waitFor(() => expect(screen.queryByRole('list', { name: 'Files to send' })).toBeNull());
    const feed = screen.getByRole('feed');
    await waitFor(() =>
      expect(within(feed).getByRole('button', { name: /^Download Passport scan\.pdf/ })).toBeInTheDocument(),
    );
    unmount();

    const ben = await clientFor(mock, 'ben');
    renderWith(ben, <ThreadView conversationId={id} />);
    const download = await screen.findByRole(
      'button',
      { name: /^Download Passport scan\.pdf/ },
      { timeout: 5000 },
    );
    const started: string[] = [];
    vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
      started.push(this.href);
    });
    await userEvent.click(download);
    await waitFor(() => expect(started).toHaveLength(1));
    const [url = ''] = started;
    // A ticket, never the bearer token (a JWT starts "eyJ"), and the ticket alone fetches the file.
    expect(url).not.toMatch(/eyJ|token=/);
    const answer = await mock.as('ben').fetch(new Request(url));
    expect(answer.status).toBe(200);
    expect(await answer.text()).toBe(await pdf('Passport scan.pdf').text());
  });

  it('keeps Send disabled, saying why, while a file uploads', async () => {
    const mock = createMockServer();
    const id = await seedConversation(mock);
    const daniel = await clientFor(mock, 'daniel');
    const { container } = renderWith(daniel, <ThreadView conversationId={id} />);
    await screen.findByRole('textbox', { name: 'Reply' });
    mock.setScenario({ latencyMs: 400 });
    await pick(fileInput(container, '.confide-reply'), pdf('Payslip.pdf'));
    expect(await screen.findByText('Wait until every file has finished uploading.')).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Send' })).toBeDisabled();
    expect(screen.getByRole('progressbar', { name: 'Payslip.pdf' })).toBeInTheDocument();
    mock.setScenario({});
    await waitFor(() => expect(screen.getByRole('button', { name: 'Send' })).toBeEnabled(), {
      timeout: 5000,
    });
    expect(screen.queryByText('Wait until every file has finished uploading.')).toBeNull();
  });

  it.each([
    ['a program named .exe', () => program('setup.exe')],
    ['a program renamed .pdf', () => program('invoice.pdf')],
  ])('refuses %s in its own words', async (_name, file) => {
    const mock = createMockServer();
    const id = await seedConversation(mock);
    const daniel = await clientFor(mock, 'daniel');
    const { container } = renderWith(daniel, <ThreadView conversationId={id} />);
    await screen.findByRole('textbox', { name: 'Reply' });
    await pick(fileInput(container, '.confide-reply'), file());
    expect(
      await screen.findByText('This type of file is not accepted.', {}, { timeout: 5000 }),
    ).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: /^Retry/ })).toBeNull();
    await userEvent.click(screen.getByRole('button', { name: /^Remove / }));
    expect(screen.queryByRole('list', { name: 'Files to send' })).toBeNull();
    expect(screen.getByRole('button', { name: 'Attach files' })).toHaveFocus();
  });

  it('attaches a file pasted into the reply box, and pastes text as text', async () => {
    const mock = createMockServer();
    const id = await seedConversation(mock);
    const daniel = await clientFor(mock, 'daniel');
    renderWith(daniel, <ThreadView conversationId={id} />);
    const box = await screen.findByRole('textbox', { name: 'Reply' });
    const screenshot = pdf('Screenshot.pdf');
    fireEvent.paste(box, { clipboardData: { types: ['Files'], files: [screenshot], getData: () => '' } });
    expect(await screen.findByText('Screenshot.pdf')).toBeInTheDocument();
    expect(box).toHaveValue('');
    fireEvent.paste(box, { clipboardData: { types: ['text/plain'], files: [], getData: () => 'Thanks' } });
    expect(box).toHaveValue('Thanks');
  });

  it('shows a drop target while files are dragged over the composer and attaches the dropped files', async () => {
    const mock = createMockServer();
    const ben = await clientFor(mock, 'ben');
    const { container } = renderWith(ben, <ComposeSecureMessage />);
    const form = container.querySelector('form') as HTMLFormElement;
    const files = [pdf('Engagement letter.pdf'), pdf('Fee schedule.pdf')];
    const dataTransfer = { types: ['Files'], files, dropEffect: 'none' };
    fireEvent(form, Object.assign(createEvent.dragEnter(form), { dataTransfer }));
    expect(screen.getByText('Drop files to attach them')).toBeInTheDocument();
    fireEvent(form, Object.assign(createEvent.drop(form), { dataTransfer }));
    expect(screen.queryByText('Drop files to attach them')).toBeNull();
    expect(await screen.findByText('Engagement letter.pdf')).toBeInTheDocument();
    expect(screen.getByText('Fee schedule.pdf')).toBeInTheDocument();
  });

  it('starts a conversation with only a file; the index says "📎 1 file" for it', async () => {
    const mock = createMockServer();
    const daniel = await clientFor(mock, 'daniel');
    const { container, unmount } = renderWith(daniel, <ComposeSecureMessage />);
    await userEvent.type(screen.getByRole('textbox', { name: 'Subject' }), 'My passport');
    await pick(fileInput(container, 'form'), pdf('Passport.pdf'));
    await screen.findByText('Uploaded', {}, { timeout: 5000 });
    await userEvent.click(screen.getByRole('button', { name: 'Send' }));
    expect(await screen.findByText('Message sent.')).toBeInTheDocument();
    unmount();
    const ben = await clientFor(mock, 'ben');
    renderWith(ben, <MessageIndex />);
    const row = (await screen.findByText('My passport')).closest('[role="option"]') as HTMLElement;
    expect(within(row).getByText('📎 1 file')).toBeInTheDocument();
    const [conversation] = (await transportFor(mock, 'ben').listConversations({})).items;
    const { items } = await transportFor(mock, 'ben').listMessages(conversation?.id as ConversationId, {});
    expect(items.at(-1)?.body).toBe('');
  });
});
