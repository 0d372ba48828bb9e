import { describe, expect, it } from 'vitest';
import { renderClientMessageWaitingMail, renderMemberClientStartedMail } from './render-mail.js';

describe('renderClientMessageWaitingMail', () => {
  it('says a secure message is waiting and links to the portal', () => {
    const mail = renderClientMessageWaitingMail({
      firmName: 'Rivera & Cho',
      clientFirstName: 'Daniel',
      portalUrl: 'https://portal.test/x',
    });
    expect(mail.subject).toContain('secure message is waiting in your portal');
    expect(mail.text).toContain('https://portal.test/x');
    expect(mail.html).toContain('href="https://portal.test/x"');
  });

  it('escapes names in the HTML part', () => {
    const mail = renderClientMessageWaitingMail({
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
    const mail = renderMemberClientStartedMail({
      firmName: 'Rivera & Cho',
      memberName: 'Ben',
      clientName: 'Elena Petrova',
      firmAppUrl: 'https://firm.test',
    });
    expect(mail.subject).toBe('Elena Petrova started a secure conversation — Rivera & Cho');
    expect(mail.text).toContain('https://firm.test');
  });
});
