import { type ContactId, createConfideClient, httpTransport, type Template } from '@confide/core';
import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { defaultMessages } from '../../provider/messages.js';
import {
  axeViolations,
  clientFor,
  createMockServer,
  DEMO_IDS,
  disposeClients,
  renderWith,
} from '../../test/setup-client.js';
import { TemplatePicker } from './template-picker.js';

const TEMPLATE = {
  name: 'Documents needed',
  subject: 'Documents for {{client.name}}',
  body: 'Dear {{client.firstName}} {{client.lastName}},\nplease upload your passport. {{sender.name}}, {{firm.name}}.',
};

// A client of Ben's firm with these names (the mock's store, the real server's rules).
const people = {
  arabic: { firstName: 'فريد', lastName: 'حداد' },
  hebrew: { firstName: 'נועה', lastName: 'כהן' },
  emoji: { firstName: 'Zoë 🌻', lastName: 'Núñez' },
  noLastName: { firstName: 'Mia', lastName: '' },
} as const;

describe('TemplatePicker preview', () => {
  it.each([
    [
      'a name in Arabic',
      'arabic',
      'Documents for فريد حداد',
      'Dear فريد حداد,\nplease upload your passport. Ben Cho, Rivera & Cho Immigration.',
    ],
    [
      'a name in Hebrew',
      'hebrew',
      'Documents for נועה כהן',
      'Dear נועה כהן,\nplease upload your passport. Ben Cho, Rivera & Cho Immigration.',
    ],
    [
      'a name with an emoji',
      'emoji',
      'Documents for Zoë 🌻 Núñez',
      'Dear Zoë 🌻 Núñez,\nplease upload your passport. Ben Cho, Rivera & Cho Immigration.',
    ],
    [
      'a missing last name',
      'noLastName',
      'Documents for Mia',
      'Dear Mia {{client.lastName}},\nplease upload your passport. Ben Cho, Rivera & Cho Immigration.',
    ],
    [
      'no client chosen',
      null,
      'Documents for {{client.name}}',
      'Dear {{client.firstName}} {{client.lastName}},\nplease upload your passport. Ben Cho, Rivera & Cho Immigration.',
    ],
  ] as const)('shows what inserting would write, for %s', async (_name, person, subject, body) => {
    const mock = createMockServer();
    await mock.ready;
    const contactId = person === null ? null : (`con_preview_${person}` as ContactId);
    if (person !== null) {
      await mock.store.transaction(async (tx) => {
        await tx.insertContact({
          id: `con_preview_${person}`,
          firmId: 'firm_rivera_cho',
          ...people[person],
          email: `${person}@client.test`,
          portalStatus: 'active',
          assigneeIds: [DEMO_IDS.ben],
          createdAt: new Date().toISOString(),
        });
      });
    }
    const client = await clientFor(mock, 'ben');
    const template = await client.templates.create(TEMPLATE);
    const { container } = renderWith(
      client,
      <TemplatePicker messages={defaultMessages} written={[]} onInsert={vi.fn()} contactId={contactId} />,
    );
    await userEvent.click(screen.getByRole('button', { name: 'Insert template' }));
    await userEvent.click(await screen.findByRole('radio', { name: TEMPLATE.name }));
    const preview = container.querySelector<HTMLElement>('.confide-template-preview');
    if (!preview) throw new Error('No preview');
    await within(preview).findByText(subject);
    const shownSubject = preview.querySelector('.confide-template-subject');
    expect(shownSubject).toHaveTextContent(subject);
    // Line breaks are <br> elements, which add no text.
    expect(preview).toHaveTextContent(body.replace('\n', ''));

    // The same rule as inserting: the composer writes exactly what the preview showed.
    const composer = client.composer({});
    composer.setContact(contactId);
    await composer.importTemplate(template as Template);
    expect(shownSubject?.textContent).toBe(composer.draft().subject);
    expect(preview.querySelector(':scope > div[dir="auto"]:last-child')?.textContent).toBe(
      composer.draft().body.replace('\n', ''),
    );
    expect(await axeViolations(container)).toEqual([]);
  });

  // Insertion waits for the client's details; a preview that did not would show Daniel a {{client.name}} that
  // inserting never writes (a story caught it on a loaded machine). Each row holds one answer back.
  it.each([
    ['the contacts list', '/v1/contacts'],
    ['the viewer', '/v1/me'],
  ])('shows loading, never fields inserting would fill, while %s loads', async (_name, held) => {
    const mock = createMockServer();
    await mock.ready;
    const ben = mock.as('ben');
    let release = () => {};
    const holding = new Promise<void>((resolve) => {
      release = resolve;
    });
    const fetch: typeof ben.fetch = async (input, init) => {
      const url = new URL(input instanceof Request ? input.url : String(input));
      if (url.pathname === held) await holding;
      return ben.fetch(input, init);
    };
    const client = createConfideClient({ transport: httpTransport({ ...ben, fetch }) });
    client.mount();
    try {
      const { container } = renderWith(
        client,
        <TemplatePicker
          messages={defaultMessages}
          written={[]}
          onInsert={vi.fn()}
          contactId={DEMO_IDS.daniel as ContactId}
        />,
      );
      await userEvent.click(screen.getByRole('button', { name: 'Insert template' }));
      await userEvent.click(await screen.findByRole('radio', { name: 'Appointment reminder' }));
      const preview = container.querySelector<HTMLElement>('.confide-template-preview');
      if (!preview) throw new Error('No preview');
      expect(within(preview).getByRole('status')).toHaveTextContent(defaultMessages.LOADING);
      expect(preview).not.toHaveTextContent('{{');
      release();
      await within(preview).findByText('Reminder: your appointment with Rivera & Cho Immigration');
      expect(preview).toHaveTextContent('Hello Daniel Okafor,');
      expect(preview).not.toHaveTextContent('{{');
    } finally {
      release();
      client.dispose();
      disposeClients();
    }
  });
});
