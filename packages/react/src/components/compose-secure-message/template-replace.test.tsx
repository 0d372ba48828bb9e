import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { axeViolations, clientFor, createMockServer, renderWith } from '../../test/setup-client.js';
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
