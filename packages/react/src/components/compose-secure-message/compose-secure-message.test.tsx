import { ConfideError, createConfideClient, memoryStorage } from '@confide/core';
import { act, fireEvent, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import {
  axeViolations,
  clientFor,
  clientKeptAcrossSignIn,
  createMockServer,
  renderWith,
  transportFor,
} from '../../test/setup-client.js';
import { MessageIndex } from '../message-index/message-index.js';
import { ComposeSecureMessage } from './compose-secure-message.js';

// Each side's form, with the title it gives itself.
const AUDIENCES = [
  { who: 'ben', audience: 'firm', title: 'New secure message' },
  { who: 'daniel', audience: 'client', title: 'Create new conversation' },
] as const;

describe('ComposeSecureMessage', () => {
  it('lists clients, shows inactive portals disabled with the reason, and has no axe violations', async () => {
    const mock = createMockServer();
    const client = await clientFor(mock, 'ben');
    const { container } = renderWith(client, <ComposeSecureMessage />);
    expect(screen.getByRole('heading', { name: 'New secure message' })).toBeInTheDocument();
    const combobox = screen.getByRole('combobox', { name: 'Client' });
    await userEvent.click(combobox);
    const listbox = screen.getByRole('listbox', { name: 'Client' });
    await waitFor(() => expect(within(listbox).getAllByRole('option')).toHaveLength(3));
    const farid = within(listbox).getByRole('option', { name: /Farid Haddad/ });
    expect(farid).toHaveAttribute('aria-disabled', 'true');
    expect(farid).toHaveTextContent('Invited, portal not activated yet');
    expect(await axeViolations(container)).toEqual([]);
  });

  it.each(['Zzz', 'زينب', '🦄'])(
    'says beside the list, not in it, that no client matches "%s" (a listbox holds options only)',
    async (search) => {
      const mock = createMockServer();
      const client = await clientFor(mock, 'ben');
      const { container } = renderWith(client, <ComposeSecureMessage />);
      const combobox = screen.getByRole('combobox', { name: 'Client' });
      await userEvent.click(combobox);
      await userEvent.type(combobox, search);
      await waitFor(() => expect(screen.getByText('No clients match.')).toBeVisible());
      expect(screen.getByText('No clients match.')).toHaveAttribute('role', 'status');
      expect(combobox).toHaveAttribute('aria-expanded', 'false');
      expect(await axeViolations(container)).toEqual([]);
    },
  );

  it('picks a client, writes and sends with the keyboard only', async () => {
    const mock = createMockServer();
    const client = await clientFor(mock, 'ben');
    const onSent = vi.fn();
    renderWith(client, <ComposeSecureMessage onSent={onSent} />);
    await userEvent.tab();
    expect(screen.getByRole('combobox', { name: 'Client' })).toHaveFocus();
    await userEvent.keyboard('Dan');
    await waitFor(() =>
      expect(within(screen.getByRole('listbox', { name: 'Client' })).getAllByRole('option')).toHaveLength(1),
    );
    await userEvent.keyboard('{ArrowDown}{Enter}');
    expect(screen.getByRole('combobox', { name: 'Client' })).toHaveValue('Daniel Okafor');
    await userEvent.tab();
    await userEvent.keyboard('Passport scan');
    await userEvent.tab();
    await userEvent.tab();
    expect(screen.getByRole('textbox', { name: 'Message' })).toHaveFocus();
    await userEvent.keyboard('Please upload it.{Control>}{Enter}{/Control}');
    await waitFor(() => expect(onSent).toHaveBeenCalledTimes(1));
    expect(await screen.findByText('Message sent.')).toBeInTheDocument();
    const [conversation] = (await transportFor(mock, 'ben').listConversations({})).items;
    expect(conversation?.subject).toBe('Passport scan');
    expect(onSent).toHaveBeenCalledWith(conversation?.id, { shown: true });
  });

  it('explains what is missing instead of sending an incomplete draft', async () => {
    const mock = createMockServer();
    const client = await clientFor(mock, 'ben');
    const before = (await transportFor(mock, 'ben').listConversations({})).items.length;
    renderWith(client, <ComposeSecureMessage />);
    await userEvent.click(screen.getByRole('button', { name: 'Send' }));
    expect(await screen.findByText('Choose a client.')).toBeInTheDocument();
    expect(screen.getByText('Add a subject.')).toBeInTheDocument();
    expect(screen.getByRole('textbox', { name: 'Subject' })).toHaveAttribute('aria-invalid', 'true');
    expect((await transportFor(mock, 'ben').listConversations({})).items).toHaveLength(before);
  });

  it.each([
    ['a control character', 'Visa\u0000', 'Remove the control characters from the subject.'],
    [
      'a letter under 40 stacked accents',
      `Visa${'\u0301'.repeat(40)}`,
      'A character in the subject is made of too many stacked marks or joined symbols: remove it to send.',
    ],
  ])('says what to remove from a subject with %s, and does not send it', async (_kind, subject, message) => {
    const mock = createMockServer();
    const client = await clientFor(mock, 'ben');
    const before = (await transportFor(mock, 'ben').listConversations({})).items.length;
    renderWith(client, <ComposeSecureMessage />);
    fireEvent.change(screen.getByRole('textbox', { name: 'Subject' }), { target: { value: subject } });
    await userEvent.click(screen.getByRole('button', { name: 'Send' }));
    expect((await screen.findAllByText(message)).length).toBeGreaterThan(0);
    expect((await transportFor(mock, 'ben').listConversations({})).items).toHaveLength(before);
  });

  it('inserts a template with its merge fields filled from the chosen client', async () => {
    const mock = createMockServer();
    const client = await clientFor(mock, 'ben');
    renderWith(client, <ComposeSecureMessage />);
    await userEvent.click(screen.getByRole('combobox', { name: 'Client' }));
    await userEvent.click(await screen.findByRole('option', { name: /Daniel Okafor/ }));
    await userEvent.click(screen.getByRole('button', { name: 'Insert template' }));
    await userEvent.click(await screen.findByRole('radio', { name: 'Appointment reminder' }));
    // The preview shows what inserting writes, not the merge fields.
    expect(screen.getByText('Reminder: your appointment with Rivera & Cho Immigration')).toBeInTheDocument();
    expect(screen.getByText(/^Hello Daniel Okafor,/)).toBeInTheDocument();
    expect(screen.queryByText(/\{\{client\./)).not.toBeInTheDocument();
    await userEvent.click(screen.getByRole('button', { name: 'Use this template' }));
    await waitFor(() =>
      expect(screen.getByRole('textbox', { name: 'Subject' })).toHaveValue(
        'Reminder: your appointment with Rivera & Cho Immigration',
      ),
    );
    expect(screen.getByRole('textbox', { name: 'Message' })).toHaveValue(
      'Hello Daniel Okafor,\n\nThis is a reminder of your upcoming appointment. Please bring a photo ID.\n\nBen Cho',
    );
  });

  it.each([
    { press: 'Use this template', focused: { role: 'textbox', name: 'Message' } },
    { press: 'Close', focused: { role: 'button', name: 'Insert template' } },
  ] as const)(
    'moves focus to the $focused.name $focused.role after the template picker\'s "$press"',
    async ({ press, focused }) => {
      const mock = createMockServer();
      const client = await clientFor(mock, 'ben');
      const { container } = renderWith(client, <ComposeSecureMessage />);
      await userEvent.click(screen.getByRole('button', { name: 'Insert template' }));
      await userEvent.click(await screen.findByRole('radio', { name: 'Appointment reminder' }));
      screen.getByRole('button', { name: press }).focus();
      await userEvent.keyboard('{Enter}');
      expect(screen.queryByRole('region', { name: 'Insert template' })).not.toBeInTheDocument();
      expect(screen.getByRole(focused.role, { name: focused.name })).toHaveFocus();
      expect(await axeViolations(container)).toEqual([]);
    },
  );

  it('flags unknown merge fields in the text', async () => {
    const mock = createMockServer();
    const client = await clientFor(mock, 'ben');
    renderWith(client, <ComposeSecureMessage />);
    await userEvent.type(screen.getByRole('textbox', { name: 'Message' }), 'Dear {{{{client.nickname}}');
    expect(await screen.findByText(/Unknown merge field client\.nickname/)).toBeInTheDocument();
  });

  it('inserts only the plain text of a rich paste', async () => {
    const mock = createMockServer();
    const client = await clientFor(mock, 'ben');
    renderWith(client, <ComposeSecureMessage />);
    const body = screen.getByRole('textbox', { name: 'Message' });
    fireEvent.paste(body, {
      clipboardData: {
        getData: (type: string) => (type === 'text/plain' ? 'Bold words\r\nnext line' : '<b>Bold</b> words'),
      },
    });
    expect(body).toHaveValue('Bold words\nnext line');
  });

  // A dialog (or a page's section) whose own heading already says what the form is: one heading, one name.
  it.each(AUDIENCES)(
    'leaves its heading and name to a host heading of the same text ($audience)',
    async ({ who, audience, title }) => {
      const mock = createMockServer();
      const client = await clientFor(mock, who);
      const { container } = renderWith(
        client,
        <div role="dialog" aria-labelledby="host-title">
          <h2 id="host-title">{title}</h2>
          <ComposeSecureMessage audience={audience} heading={false} />
        </div>,
      );
      expect(screen.getByRole('dialog', { name: title })).toBeInTheDocument();
      expect(screen.getAllByRole('heading', { name: title })).toHaveLength(1);
      // An unnamed form is no landmark: nothing repeats the dialog's name.
      expect(screen.queryByRole('form')).not.toBeInTheDocument();
      expect(await axeViolations(container)).toEqual([]);
    },
  );

  it.each(AUDIENCES)(
    'is a form named by its own heading by default ($audience)',
    async ({ who, audience, title }) => {
      const mock = createMockServer();
      const client = await clientFor(mock, who);
      renderWith(client, <ComposeSecureMessage audience={audience} />);
      expect(screen.getAllByRole('heading', { name: title })).toHaveLength(1);
      expect(screen.getByRole('form', { name: title })).toBeInTheDocument();
    },
  );

  it('is the portal\'s "Create new conversation" form for clients', async () => {
    const mock = createMockServer();
    const portal = await clientFor(mock, 'daniel');
    const onSent = vi.fn();
    const { container } = renderWith(portal, <ComposeSecureMessage audience="client" onSent={onSent} />);
    expect(screen.getByRole('heading', { name: 'Create new conversation' })).toBeInTheDocument();
    expect(screen.queryByRole('combobox')).not.toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Insert template' })).not.toBeInTheDocument();
    await userEvent.type(screen.getByRole('textbox', { name: 'Subject' }), 'Question about my visa');
    await userEvent.type(screen.getByRole('textbox', { name: 'Message' }), 'When is my interview?');
    await userEvent.click(screen.getByRole('button', { name: 'Send' }));
    await waitFor(() => expect(onSent).toHaveBeenCalledTimes(1));
    expect(await axeViolations(container)).toEqual([]);
  });

  it("links the new conversation to the host's matter", async () => {
    const mock = createMockServer();
    const portal = await clientFor(mock, 'daniel');
    const onSent = vi.fn();
    renderWith(portal, <ComposeSecureMessage matter={{ id: 'mat_9', label: 'Work visa' }} onSent={onSent} />);
    await userEvent.type(screen.getByRole('textbox', { name: 'Subject' }), 'About my case');
    await userEvent.type(screen.getByRole('textbox', { name: 'Message' }), 'Any news?');
    await userEvent.click(screen.getByRole('button', { name: 'Send' }));
    await waitFor(() => expect(onSent).toHaveBeenCalledTimes(1));
    expect((await transportFor(mock, 'daniel').listConversations({})).items[0]?.matter).toEqual({
      id: 'mat_9',
      label: 'Work visa',
    });
  });

  it('shows progress while sending', async () => {
    const mock = createMockServer();
    const transport = transportFor(mock, 'daniel');
    let release = () => {};
    const held = new Promise<void>((resolve) => {
      release = resolve;
    });
    const client = createConfideClient({
      transport: {
        ...transport,
        startConversation: async (...args) => {
          await held;
          return transport.startConversation(...args);
        },
      },
    });
    client.mount();
    await client.ready;
    renderWith(client, <ComposeSecureMessage />);
    await userEvent.type(screen.getByRole('textbox', { name: 'Subject' }), 'Slow network');
    await userEvent.type(screen.getByRole('textbox', { name: 'Message' }), 'Still sending');
    await userEvent.click(screen.getByRole('button', { name: 'Send' }));
    expect(await screen.findByRole('progressbar', { name: 'Sending…' })).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Sending…' })).toBeDisabled();
    release();
    expect(await screen.findByText('Message sent.')).toBeInTheDocument();
    expect(screen.queryByRole('progressbar')).not.toBeInTheDocument();
    client.dispose();
  });

  it('keeps the draft when sending fails and says so', async () => {
    const mock = createMockServer();
    const base = transportFor(mock, 'daniel');
    const client = createConfideClient({
      transport: {
        ...base,
        startConversation: () =>
          Promise.reject(new ConfideError('forbidden', 'Refused by the test', { retryable: false })),
      },
    });
    client.mount();
    await client.ready;
    renderWith(client, <ComposeSecureMessage />);
    await userEvent.type(screen.getByRole('textbox', { name: 'Subject' }), 'Kept subject');
    await userEvent.type(screen.getByRole('textbox', { name: 'Message' }), 'Kept body');
    await userEvent.click(screen.getByRole('button', { name: 'Send' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('Your message could not be sent.');
    expect(screen.getByRole('textbox', { name: 'Subject' })).toHaveValue('Kept subject');
    client.dispose();
  });

  it('says why a conversation written before someone else signed in on the device was not started', async () => {
    const mock = createMockServer();
    const { client, signIn } = await clientKeptAcrossSignIn(mock, 'daniel');
    const { container } = renderWith(
      client,
      <>
        <ComposeSecureMessage audience="client" />
        <MessageIndex />
      </>,
    );
    act(() => client.setOnline(false));
    await userEvent.type(screen.getByRole('textbox', { name: 'Subject' }), 'Written by Daniel');
    await userEvent.type(screen.getByRole('textbox', { name: 'Message' }), 'Written by Daniel');
    await userEvent.click(screen.getByRole('button', { name: 'Send' }));
    // Offline, the start went to the index as pending; that is where its failure shows.
    const pending = await screen.findByRole('list', { name: 'Not sent yet' });
    signIn('elena');
    act(() => client.setOnline(true));
    expect(await within(pending).findByRole('alert')).toHaveTextContent(
      'Not sent. Someone else signed in on this device after it was written, so it was not sent under their name.',
    );
    expect(pending).toHaveTextContent('Written by Daniel');
    expect(await axeViolations(container)).toEqual([]);
  });

  it('restores the draft after a reload', async () => {
    const mock = createMockServer();
    const storage = memoryStorage();
    const first = await clientFor(mock, 'daniel', { storage });
    const view = renderWith(first, <ComposeSecureMessage />);
    await userEvent.type(screen.getByRole('textbox', { name: 'Subject' }), 'Half-written');
    view.unmount();
    act(() => first.dispose());
    const second = await clientFor(mock, 'daniel', { storage });
    renderWith(second, <ComposeSecureMessage />);
    await waitFor(() => expect(screen.getByRole('textbox', { name: 'Subject' })).toHaveValue('Half-written'));
  });

  it('shows the offline banner', async () => {
    const mock = createMockServer();
    const client = await clientFor(mock, 'daniel');
    renderWith(client, <ComposeSecureMessage />);
    act(() => client.setOnline(false));
    expect(screen.getByText(/You are offline/)).toBeInTheDocument();
  });
});
