import { escapeHtml } from '../lib/escape-html.js';
import type { MailRow } from '../store/rows.js';

/** What a browser may load on the dev mail page: nothing but inline styles, and never scripts. */
export const DEV_MAIL_CONTENT_SECURITY_POLICY =
  "default-src 'none'; style-src 'unsafe-inline'; frame-src 'self'";

function statusOf(mail: MailRow): string {
  if (mail.status === 'sent' && mail.sentAt) return `sent ${mail.sentAt}`;
  // Why it was never sent: the recipient no longer qualified when it was due.
  if (mail.status === 'withheld') return `withheld (${mail.lastError ?? 'recipient_unknown'})`;
  return mail.status;
}

function renderMail(mail: MailRow): string {
  const facts = [
    ['To', mail.to],
    ['Subject', mail.subject],
    ['Queued', mail.createdAt],
    ['Status', statusOf(mail)],
  ]
    .map(([label, value]) => `<dt>${escapeHtml(label ?? '')}</dt><dd>${escapeHtml(value ?? '')}</dd>`)
    .join('');
  // The HTML part is shown as the recipient's mail client would, inside a sandbox that runs no scripts.
  return `<article><dl>${facts}</dl><iframe sandbox title="${escapeHtml(mail.subject)}" srcdoc="${escapeHtml(mail.html)}"></iframe><pre>${escapeHtml(mail.text)}</pre></article>`;
}

/** The dev mail page: the outbox, newest first, as the recipients would see each e-mail; every value escaped. */
export function renderDevMailPage(mails: readonly MailRow[]): string {
  const body = mails.length === 0 ? '<p>The outbox is empty.</p>' : mails.map(renderMail).join('\n');
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Confide dev mail</title>
<style>body{font-family:system-ui,sans-serif;margin:2rem;max-width:60rem}article{border:1px solid #ccc;border-radius:8px;padding:1rem;margin-bottom:1rem}dt{font-weight:600;float:left;width:6rem}dd{margin:0 0 .25rem 6rem}iframe{width:100%;height:12rem;border:1px solid #eee}pre{white-space:pre-wrap}</style>
</head><body><h1>Outbox (${mails.length})</h1>
${body}
</body></html>`;
}
