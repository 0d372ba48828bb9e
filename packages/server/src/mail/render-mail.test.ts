import { isolateBidi } from '@confide/protocol';
import { describe, expect, it } from 'vitest';
import { renderClientMessageWaitingMail, renderMemberClientStartedMail } from './render-mail.js';

type WaitingInput = Parameters<typeof renderClientMessageWaitingMail>[0];
type StartedInput = Parameters<typeof renderMemberClientStartedMail>[0];

/** Daniel's "a message is waiting" mail from Rivera & Cho, with `changes`. */
const waitingMail = (changes: Partial<WaitingInput> = {}) =>
  renderClientMessageWaitingMail({
    firmName: 'Rivera & Cho',
    clientFirstName: 'Daniel',
    portalUrl: 'https://portal.test/x',
    ...changes,
  });

/** Ben's "Elena started a conversation" mail at Rivera & Cho, with `changes`. */
const startedMail = (changes: Partial<StartedInput> = {}) =>
  renderMemberClientStartedMail({
    firmName: 'Rivera & Cho',
    memberName: 'Ben',
    clientName: 'Elena Petrova',
    firmAppUrl: 'https://firm.test',
    ...changes,
  });

describe('renderClientMessageWaitingMail', () => {
  it('says a secure message is waiting and links to the portal', () => {
    const mail = waitingMail();
    expect(mail.subject).toContain('secure message is waiting in your portal');
    // The body says it once: who sent it, and where it waits.
    expect(mail.text).toContain('Rivera & Cho sent you a secure message. It is waiting in your portal.');
    expect(mail.text.match(/secure message/g)).toHaveLength(1);
    expect(mail.text).toContain('https://portal.test/x');
    expect(mail.html).toContain('href="https://portal.test/x"');
  });

  it('escapes names in the HTML part', () => {
    const mail = waitingMail({
      firmName: 'A <b>&</b> B',
      clientFirstName: '<script>',
      portalUrl: 'https://p.test/?a=1&b="2"',
    });
    expect(mail.html).not.toContain('<script>');
    expect(mail.html).toContain('&lt;script&gt;');
    expect(mail.html).toContain('href="https://p.test/?a=1&amp;b=&quot;2&quot;"');
  });
});

describe('renderMemberClientStartedMail', () => {
  it('names the client and links to the firm app', () => {
    const mail = startedMail();
    expect(mail.subject).toBe('Elena Petrova started a secure conversation — Rivera & Cho');
    expect(mail.text).toContain('https://firm.test');
  });
});

const FSI = '\u2068';
const PDI = '\u2069';

describe('names inside e-mail sentences', () => {
  it.each([
    ['a subject-like name with U+202E', 'Signed retainer \u202efdp.exe'],
    ['a name that closes an isolate and overrides', '\u2069\u202eElena'],
    ['a name that opens an isolate and never closes it', '\u2067Elena'],
    ['a Hebrew name', 'שרה כהן'],
    ['an Arabic name', 'فريد حداد'],
    ['an embedding with too many closers', '\u202bDaniel\u202c\u202c'],
  ])('isolates %s so the sentence keeps its order', (_case, name) => {
    const member = startedMail({ memberName: name, clientName: name });
    const isolated = isolateBidi(name, { sentenceDirection: 'ltr' });
    expect(isolated.startsWith(FSI) && isolated.endsWith(PDI)).toBe(true);
    expect(member.subject).toBe(`${isolated} started a secure conversation — Rivera & Cho`);
    expect(member.text).toContain(`Hello ${isolated},`);
    expect(member.text).toContain(`${isolated} started a new secure conversation with Rivera & Cho.`);
    const client = waitingMail({ firmName: name, clientFirstName: name });
    expect(client.subject).toBe(`A secure message is waiting in your portal — ${isolated}`);
    expect(client.text).toContain(`Hello ${isolated},`);
    expect(client.text).toContain(`${isolated} sent you a secure message.`);
    expect(client.html).toContain(`${isolated} sent you a secure message.`);
  });
});
