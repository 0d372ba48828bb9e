import { describe, expect, it } from 'vitest';
import { findMergeFields, isKnownMergeField } from './merge-fields.js';

describe('findMergeFields', () => {
  it('lists each field once in order of first use, tolerating inner spaces', () => {
    expect(
      findMergeFields('Dear {{client.firstName}}, {{ sender.name }} here. {{client.firstName}}'),
    ).toEqual(['client.firstName', 'sender.name']);
  });

  it('ignores text that only looks like a field', () => {
    expect(findMergeFields('{{}} {{ 1abc }} {single} {{client.}}')).toEqual([]);
  });
});

describe('isKnownMergeField', () => {
  it('tells known fields from unknown ones', () => {
    expect(isKnownMergeField('client.firstName')).toBe(true);
    expect(isKnownMergeField('client.passportNumber')).toBe(false);
  });
});
