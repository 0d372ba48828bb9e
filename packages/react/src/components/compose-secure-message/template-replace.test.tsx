import type { Transport } from '@confide/core';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import {
  axeViolations,
  clientFor,
  createMockServer,
  renderWith,
  transportFor,
} from '../../test/setup-client.js';
import { ComposeSecureMessage } from './compose-secure-message.js';

const TEMPLATE_SUBJECT = 'Reminder: your appointment with Rivera & Cho Immigration';
const TEMPLATE_BODY =
  'Hello Daniel Okafor,\n\nThis is a reminder of your upcoming appointment. Please bring a photo ID.\n\nBen Cho';
const MY_SUBJECT = 'Mi asunto — שלום';
const MY_BODY = 'What I wrote myself.';

/** Ben, Daniel picked, `subject` and `body` typed, the "Appointment reminder" template previewed. */
async function withTyped(subject: string, body: string) {
  const client = await clientFor(createMockServer(), 'ben');
  const view = renderWith(client, <ComposeSecureMessage />);
  await userEvent.click(screen.getByRole('combobox', { name: 'Client' }));
  await userEvent.click(await screen.findByRole('option', { name: /Daniel Okafor/ }));
  if (subject) await userEvent.type(screen.getByRole('textbox', { name: 'Subject' }), subject);
  if (body) await userEvent.type(screen.getByRole('textbox', { name: 'Message' }), body);
  await userEvent.click(screen.getByRole('button', { name: 'Insert template' }));
  await userEvent.click(await screen.findByRole('radio', { name: 'Appointment reminder' }));
  return view;
}

const subjectBox = () => screen.getByRole('textbox', { name: 'Subject' });
const bodyBox = () => screen.getByRole('textbox', { name: 'Message' });

describe('ComposeSecureMessage templates and what the person wrote', () => {
  it('fills an empty draft at once, without asking', async () => {
    await withTyped('', '');
    await userEvent.click(screen.getByRole('button', { name: 'Use this template' }));
    await waitFor(() => expect(subjectBox()).toHaveValue(TEMPLATE_SUBJECT));
    expect(bodyBox()).toHaveValue(TEMPLATE_BODY);
    expect(screen.queryByRole('group', { name: /you wrote/ })).not.toBeInTheDocument();
  });

  // Whitespace alone is nothing written: a template may fill it.
  it.each([
    // typed subject, typed body, choice, question, expected subject, expected body
    [MY_SUBJECT, MY_BODY, 'Replace', 'subject and message', TEMPLATE_SUBJECT, TEMPLATE_BODY],
    [MY_SUBJECT, MY_BODY, 'Keep what I wrote', 'subject and message', MY_SUBJECT, MY_BODY],
    [MY_SUBJECT, MY_BODY, '{Escape}', 'subject and message', MY_SUBJECT, MY_BODY],
    [MY_SUBJECT, '', 'Fill in only what is empty', 'subject', MY_SUBJECT, TEMPLATE_BODY],
    [MY_SUBJECT, '', 'Replace', 'subject', TEMPLATE_SUBJECT, TEMPLATE_BODY],
    [MY_SUBJECT, '   ', 'Fill in only what is empty', 'subject', MY_SUBJECT, TEMPLATE_BODY],
    ['', MY_BODY, 'Fill in only what is empty', 'message', TEMPLATE_SUBJECT, MY_BODY],
    ['', MY_BODY, 'Keep what I wrote', 'message', '', MY_BODY],
    ['', MY_BODY, 'Replace', 'message', TEMPLATE_SUBJECT, TEMPLATE_BODY],
  ])(
    'with subject %j and message %j, "%s" after asking about the %s leaves what the person chose',
    async (subject, body, choice, question, expectedSubject, expectedBody) => {
      const { container } = await withTyped(subject, body);
      await userEvent.click(screen.getByRole('button', { name: 'Use this template' }));
      const confirm = screen.getByRole('group', {
        name: `Replace the ${question} you wrote with the template’s?`,
      });
      // Nothing is replaced before the person answers, and the safe answer has focus.
      expect(subjectBox()).toHaveValue(subject);
      expect(bodyBox()).toHaveValue(body);
      expect(within(confirm).getByRole('button', { name: 'Keep what I wrote' })).toHaveFocus();
      expect(within(confirm).queryByRole('button', { name: 'Fill in only what is empty' }) !== null).toBe(
        question !== 'subject and message',
      );
      expect(await axeViolations(container)).toEqual([]);
      if (choice.startsWith('{')) await userEvent.keyboard(choice);
      else await userEvent.click(within(confirm).getByRole('button', { name: choice }));
      await waitFor(() => expect(bodyBox()).toHaveValue(expectedBody));
      expect(subjectBox()).toHaveValue(expectedSubject);
      const kept = expectedSubject === subject && expectedBody === body;
      if (kept) {
        // Kept: the picker stays open with "Use this template" focused again, for another choice.
        expect(screen.getByRole('button', { name: 'Use this template' })).toHaveFocus();
      } else {
        expect(bodyBox()).toHaveFocus();
        expect(screen.queryByRole('button', { name: 'Use this template' })).not.toBeInTheDocument();
      }
    },
  );

  it('answers the question with the keyboard alone', async () => {
    await withTyped(MY_SUBJECT, MY_BODY);
    screen.getByRole('button', { name: 'Use this template' }).focus();
    await userEvent.keyboard('{Enter}');
    expect(screen.getByRole('button', { name: 'Keep what I wrote' })).toHaveFocus();
    await userEvent.tab();
    expect(screen.getByRole('button', { name: 'Replace' })).toHaveFocus();
    await userEvent.keyboard('{Enter}');
    await waitFor(() => expect(subjectBox()).toHaveValue(TEMPLATE_SUBJECT));
    expect(bodyBox()).toHaveValue(TEMPLATE_BODY);
  });
});

/**
 * Ben, Daniel picked, `subject` and `body` typed, the "Appointment reminder" template previewed, over a transport
 * whose contact list (the template's merge fields wait for it) can be held back: the template's text then arrives
 * only when the test lets it.
 */
async function withSlowTemplate(subject: string, body: string) {
  const mock = createMockServer();
  const base = transportFor(mock, 'ben');
  let held: Promise<void> | null = null;
  let release = () => {};
  const transport: Transport = {
    ...base,
    listContacts: async (query, options) => {
      if (held) await held;
      return base.listContacts(query, options);
    },
  };
  const client = await clientFor(mock, 'ben', { transport });
  const view = renderWith(client, <ComposeSecureMessage />);
  await userEvent.click(screen.getByRole('combobox', { name: 'Client' }));
  await userEvent.click(await screen.findByRole('option', { name: /Daniel Okafor/ }));
  if (subject) await userEvent.type(subjectBox(), subject);
  if (body) await userEvent.type(bodyBox(), body);
  await userEvent.click(screen.getByRole('button', { name: 'Insert template' }));
  await userEvent.click(await screen.findByRole('radio', { name: 'Appointment reminder' }));
  held = new Promise((resolve) => {
    release = resolve;
  });
  // The contact list is stale from here on: the template's merge fields fetch it again and wait for `release`.
  await client.queryClient.invalidateQueries({
    queryKey: client.queries.viewer.contacts('').queryKey,
    refetchType: 'none',
  });
  return {
    ...view,
    /** Subject and body of the draft once the template has landed in it (it sets the draft's template). */
    landed: () => {
      const draft = Object.values(client.stores.composer.getState().drafts).find(
        ({ templateId }) => templateId,
      );
      return draft && [draft.subject, draft.body];
    },
    release: () => {
      held = null;
      release();
    },
  };
}

describe('ComposeSecureMessage templates whose text arrives after the person typed', () => {
  it.each([
    // case, typed subject, typed body, answer to the question, typed while loading, expected subject, body
    ['nothing typed', '', '', null, {}, TEMPLATE_SUBJECT, TEMPLATE_BODY],
    ['typed before choosing, replaced', MY_SUBJECT, MY_BODY, 'Replace', {}, TEMPLATE_SUBJECT, TEMPLATE_BODY],
    [
      'typed while loading',
      '',
      '',
      null,
      { body: 'Typed while it loaded' },
      TEMPLATE_SUBJECT,
      'Typed while it loaded',
    ],
    [
      'typed while loading, in both fields',
      '',
      '',
      null,
      { subject: 'My subject', body: 'My text' },
      'My subject',
      'My text',
    ],
    [
      'typed before choosing, replaced, typed more while loading',
      MY_SUBJECT,
      MY_BODY,
      'Replace',
      { body: ' More.' },
      TEMPLATE_SUBJECT,
      `${MY_BODY} More.`,
    ],
    [
      'typed before choosing, kept, typed more while loading',
      MY_SUBJECT,
      '',
      'Fill in only what is empty',
      { subject: ' (2)' },
      `${MY_SUBJECT} (2)`,
      TEMPLATE_BODY,
    ],
    ['typed whitespace only while loading', '', '', null, { body: '   ' }, TEMPLATE_SUBJECT, TEMPLATE_BODY],
  ] as const)(
    '%s: the template replaces only what the person agreed to',
    async (_case, subject, body, answer, whileLoading, expectedSubject, expectedBody) => {
      const { container, landed, release } = await withSlowTemplate(subject, body);
      await userEvent.click(screen.getByRole('button', { name: 'Use this template' }));
      if (answer) await userEvent.click(screen.getByRole('button', { name: answer }));
      // The template's text has not arrived yet: the fields hold what the person wrote.
      expect(subjectBox()).toHaveValue(subject);
      expect(bodyBox()).toHaveValue(body);
      if ('subject' in whileLoading) await userEvent.type(subjectBox(), whileLoading.subject);
      if ('body' in whileLoading) await userEvent.type(bodyBox(), whileLoading.body);
      release();
      // The draft, not the fields on screen: they may not show the template yet when it has landed.
      await waitFor(() => expect(landed()).toEqual([expectedSubject, expectedBody]));
      expect(subjectBox()).toHaveValue(expectedSubject);
      expect(bodyBox()).toHaveValue(expectedBody);
      expect(await axeViolations(container)).toEqual([]);
    },
  );
});
