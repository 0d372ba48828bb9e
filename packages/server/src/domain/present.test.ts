import {
  countGraphemes,
  findForbiddenCharacter,
  MessagePreviewSchema,
  PREVIEW_MAX_LENGTH,
} from '@confide/protocol';
import { describe, expect, it } from 'vitest';
import type { MessageRow } from '../store/rows.js';
import { presentPreview } from './present.js';

function messageWith(body: string): MessageRow {
  return {
    id: 'msg_1',
    seq: 1,
    conversationId: 'cnv_1',
    firmId: 'firm_1',
    author: { kind: 'client', id: 'con_1' },
    body,
    internal: false,
    idempotencyKey: 'key_00000001',
    createdAt: '2026-03-02T10:00:00.000Z',
    attachmentCount: 0,
  };
}

const names = new Map([['con_1', 'Daniel Okafor']]);

describe('presentPreview', () => {
  it.each([
    ['emoji', '👍'],
    ['emoji with a skin tone', '👍🏽'],
    ['ZWJ families', '👨‍👩‍👧‍👦'],
    ['flags', '🇫🇷'],
    ['combining marks', 'e\u0301'],
    ['Devanagari', 'नि'],
    ['ASCII', 'a'],
  ])('cuts a long body of %s at a character boundary, within the limit', (_kind, unit) => {
    const preview = presentPreview(messageWith(unit.repeat(PREVIEW_MAX_LENGTH + 50)), names);
    expect(preview.text).toBe(`${unit.repeat(PREVIEW_MAX_LENGTH - 1)}…`);
    expect(countGraphemes(preview.text)).toBe(PREVIEW_MAX_LENGTH);
    expect(findForbiddenCharacter(preview.text)).toBeUndefined();
    expect(MessagePreviewSchema.safeParse(preview).success).toBe(true);
  });

  it('keeps a body of exactly the limit whole, however many UTF-16 units it takes', () => {
    const body = '👍'.repeat(PREVIEW_MAX_LENGTH);
    expect(presentPreview(messageWith(body), names).text).toBe(body);
  });

  it('puts the body on one line', () => {
    expect(presentPreview(messageWith('  Hello\r\n\tthere  '), names).text).toBe('Hello there');
  });
});
