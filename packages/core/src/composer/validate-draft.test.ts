import type { ContactId } from '@confide/protocol';
import { describe, expect, it } from 'vitest';
import { type Draft, emptyDraft } from '../stores/composer/composer-store.js';
import { createMockServer, transportFor } from '../test/mock-clients.js';
import { validateDraft } from './validate-draft.js';

const draft = (input: Partial<Draft>): Draft => ({
  ...emptyDraft('new', null, 0),
  contactId: 'con_daniel' as ContactId,
  subject: 'Visa documents',
  body: 'Hello',
  ...input,
});

const newConversation = { mode: 'new', role: 'client' } as const;
const reply = { mode: 'reply', role: 'member' } as const;

describe('validateDraft', () => {
  // Limits count what a person sees (grapheme clusters), as the server does: one 👍🏽 is one character.
  it.each([
    ['subject', '101 thumbs up', '👍'.repeat(101), 101, undefined],
    ['subject', '200 thumbs up with a skin tone', '👍🏽'.repeat(200), 200, undefined],
    ['subject', '201 family emoji', '👨‍👩‍👧'.repeat(201), 201, 'too_long'],
    ['subject', '200 combining accents', 'e\u0301'.repeat(200), 200, undefined],
    ['subject', '200 Hangul syllables written as jamo', '\u1100\u1161'.repeat(200), 200, undefined],
    ['subject', '201 letters', 'a'.repeat(201), 201, 'too_long'],
    ['subject', '200 letters between spaces (trimmed)', `  ${'a'.repeat(200)}  `, 200, undefined],
    ['subject', '200 Devanagari clusters', 'क्षि'.repeat(200), 200, undefined],
    ['body', '10,000 thumbs up', '👍'.repeat(10_000), 10_000, undefined],
    ['body', '20,001 thumbs up with a skin tone', '👍🏽'.repeat(20_001), 20_001, 'too_long'],
    ['body', '20,000 letters', 'a'.repeat(20_000), 20_000, undefined],
    ['body', '20,001 letters', 'a'.repeat(20_001), 20_001, 'too_long'],
    ['body', '20,000 flags', '🇺🇦'.repeat(20_000), 20_000, undefined],
  ] as const)('counts a %s of %s as the server does', (field, _name, text, length, code) => {
    const validation = validateDraft(draft({ [field]: text }), field === 'subject' ? newConversation : reply);
    expect(validation.lengths[field]).toEqual({ length, max: field === 'subject' ? 200 : 20_000 });
    expect(validation.errors[field]?.code).toBe(code);
    expect(validation.valid).toBe(code === undefined);
  });

  // Text with nothing a person can see is empty, in the subject and in the text; the server refuses control
  // characters and lone surrogates, so the composer does before it.
  it.each([
    ['only a zero-width space', '\u200b', 'required'],
    ['only a zero-width joiner and non-joiner', '\u200d\u200c', 'required'],
    ['only a word joiner', '\u2060', 'required'],
    ['only a byte order mark', '\ufeff', 'required'],
    ['only a Hangul filler', '\u3164', 'required'],
    ['only a Hangul jungseong filler', '\u1160', 'required'],
    ['only a Braille blank', '\u2800', 'required'],
    ['only a soft hyphen', '\u00ad', 'required'],
    ['only bidi marks and overrides', '\u200e\u200f\u202e\u2066', 'required'],
    ['only a variation selector', '\ufe0f', 'required'],
    ['only spaces, tabs and line breaks', ' \t\n\u00a0\u3000', 'required'],
    ['only a mix', ' \u200b\n\u2800\u3164 ', 'required'],
    ['a letter between zero-width spaces', '\u200ba\u200b', undefined],
    ['an emoji', '👍', undefined],
    ['a Hebrew word', 'שלום', undefined],
    ['a full stop', '.', undefined],
    ['NUL', 'a\u0000b', 'invalid_character'],
    ['escape', 'a\u001bb', 'invalid_character'],
    ['a lone high surrogate', 'a\ud800b', 'invalid_character'],
    ['a lone low surrogate', 'a\udc00', 'invalid_character'],
    ['a letter under 40 stacked accents', `a${'\u0301'.repeat(40)}`, 'overlong_character'],
    ['a chain of 20 joined emoji', Array(20).fill('👩').join('\u200d'), 'overlong_character'],
  ])('checks a text of %s as the server does', (_name, text, code) => {
    const forNew = validateDraft(draft({ subject: text, body: text }), newConversation);
    expect(forNew.errors.subject?.code).toBe(code);
    expect(forNew.errors.body?.code).toBe(code);
    expect(forNew.valid).toBe(code === undefined);
    expect(validateDraft(draft({ body: text }), reply).errors.body?.code).toBe(code);
  });
});

describe('validateDraft for a template filled in for someone else', async () => {
  const { items: contacts } = await transportFor(createMockServer(), 'ben').listContacts({});
  const context = { mode: 'new', role: 'member', contacts } as const;
  const fromTemplate = { templateId: 'tpl_document_request', contactId: 'con_elena' } as Partial<Draft>;

  it.each([
    ['the body', { body: 'Hello Daniel Okafor' }, 'body'],
    ['the subject', { subject: 'Documents for Daniel' }, 'subject'],
  ])("blocks sending while %s carries the previous client's name", (_name, text, field) => {
    const validation = validateDraft(draft({ ...fromTemplate, ...text }), context);
    expect(validation.valid).toBe(false);
    expect(validation.errors[field as 'body' | 'subject']?.code).toBe('other_client_details');
  });

  it('sends a template filled in for the recipient, and a hand-written text that names another client', () => {
    expect(validateDraft(draft({ ...fromTemplate, body: 'Hello Elena Petrova' }), context).valid).toBe(true);
    expect(
      validateDraft(draft({ contactId: 'con_elena' as ContactId, body: 'Daniel says hello' }), context).valid,
    ).toBe(true);
  });
});
