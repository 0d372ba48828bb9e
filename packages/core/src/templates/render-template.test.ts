import type { Viewer } from '@confide/protocol';
import { describe, expect, it } from 'vitest';
import { viewerJson } from '../test/wire-fixtures.js';
import { renderTemplate } from './render-template.js';

const member = viewerJson as Viewer;
const date = new Date('2026-11-25T12:00:00Z');

describe('renderTemplate', () => {
  it('fills client, firm, sender and date fields', () => {
    const rendered = renderTemplate(
      {
        subject: 'For {{ client.name }}',
        body: '{{client.firstName}} {{client.lastName}}, {{firm.name}}, {{sender.name}}, {{date.today}}',
      },
      {
        viewer: member,
        contact: { firstName: 'Daniel', lastName: 'Okafor', name: 'Daniel Okafor' },
        date,
        locale: 'en-GB',
        timeZone: 'UTC',
      },
    );
    expect(rendered).toEqual({
      subject: 'For Daniel Okafor',
      body: 'Daniel Okafor, Rivera & Cho Immigration, Ben Cho, 25 November 2026',
      unknownFields: [],
      unfilledFields: [],
    });
  });

  it('leaves unknown and unfilled fields in place and lists them', () => {
    const rendered = renderTemplate(
      { subject: 'Hi', body: 'Dear {{client.firstName}}, {{case.number}}' },
      { viewer: member, date },
    );
    expect(rendered.body).toBe('Dear {{client.firstName}}, {{case.number}}');
    expect(rendered.unknownFields).toEqual(['case.number']);
    expect(rendered.unfilledFields).toEqual(['client.firstName']);
  });

  it('takes the client fields from a client viewer', () => {
    const client = {
      ...member,
      role: 'client',
      id: 'con_daniel',
      name: 'Daniel Okafor',
      firstName: 'Daniel',
    } as Viewer;
    expect(
      renderTemplate({ subject: 's', body: 'Hello {{client.firstName}}' }, { viewer: client, date }).body,
    ).toBe('Hello Daniel');
  });
});
