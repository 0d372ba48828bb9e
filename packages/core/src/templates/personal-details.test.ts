import { describe, expect, it } from 'vitest';
import { findForeignDetails, type PersonalDetails, retargetText } from './personal-details.js';

const daniel: PersonalDetails = { name: 'Daniel Okafor', firstName: 'Daniel', lastName: 'Okafor' };
const elena: PersonalDetails = { name: 'Elena Petrova', firstName: 'Elena', lastName: 'Petrova' };
const ana: PersonalDetails = { name: 'Ana Rivera', firstName: 'Ana', lastName: 'Rivera' };
const hebrew: PersonalDetails = { name: 'נועה כהן', firstName: 'נועה', lastName: 'כהן' };
const arabic: PersonalDetails = { name: 'فريد حداد', firstName: 'فريد', lastName: 'حداد' };
const accented: PersonalDetails = { name: 'Zoë Núñez', firstName: 'Zoë', lastName: 'Núñez' };

describe('retargetText', () => {
  it.each([
    ['the full name', 'Hello Daniel Okafor', daniel, elena, 'Hello Elena Petrova'],
    ['the first name', 'Dear Daniel,\nplease upload it.', daniel, elena, 'Dear Elena,\nplease upload it.'],
    ['the last name', 'Dear Mr Okafor', daniel, elena, 'Dear Mr Petrova'],
    ['every occurrence', 'Daniel: Daniel Okafor, DANIEL', daniel, elena, 'Elena: Elena Petrova, Elena'],
    ['a name only as a whole word', 'Ana, your banana plan', ana, elena, 'Elena, your banana plan'],
    ['a Hebrew name', 'שלום נועה כהן', hebrew, arabic, 'שלום فريد حداد'],
    ['an Arabic name', 'مرحبا فريد', arabic, hebrew, 'مرحبا נועה'],
    ['letters with accents', 'Bonjour Zoë Núñez', accented, daniel, 'Bonjour Daniel Okafor'],
    [
      'names with regular-expression characters',
      'Hi J.(R) Doe',
      { name: 'J.(R) Doe', firstName: 'J.(R)', lastName: 'Doe' },
      daniel,
      'Hi Daniel Okafor',
    ],
    // With no recipient, the merge field comes back, so the composer flags it.
    ['the name as its merge field for nobody', 'Dear Daniel Okafor', daniel, null, 'Dear {{client.name}}'],
  ])('rewrites %s for the new recipient', (_name, text, from, to, expected) => {
    expect(retargetText(text, from, to)).toBe(expected);
  });
});

describe('findForeignDetails', () => {
  it.each([
    ['the full name', 'Hello Daniel Okafor', ['Daniel Okafor']],
    ['the first name', 'Dear Daniel,', ['Daniel']],
    ['the last name in capitals', 'Dear MR OKAFOR', ['OKAFOR']],
    ['a Hebrew name', 'שלום נועה', ['נועה']],
    ['nobody else', 'Dear Elena, and Danielle from our office', []],
  ])('finds %s of someone else in the text written for Elena', (_name, text, values) => {
    const found = findForeignDetails(text, elena, [daniel, hebrew, ana]);
    expect(found.map((detail) => detail.value)).toEqual(values);
  });

  it('ignores a detail the recipient shares (two clients with the same first name)', () => {
    const otherDaniel = { name: 'Daniel Brown', firstName: 'Daniel', lastName: 'Brown' };
    expect(findForeignDetails('Dear Daniel,', otherDaniel, [daniel])).toEqual([]);
    expect(findForeignDetails('Dear Daniel Okafor,', otherDaniel, [daniel])).toHaveLength(1);
  });
});
