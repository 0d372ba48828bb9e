import { escapeHtml } from '../lib/escape-html.js';
import type { MailRow } from '../store/rows.js';

/** What a browser may load on the dev mail page: nothing but inline styles, and never scripts. */
export const DEV_MAIL_CONTENT_SECURITY_POLICY =
  "default-src 'none'; style-src 'unsafe-inline'; frame-src 'self'";

/** How the page reads the outbox: whether anything delivers it. */
export interface DevMailPageOptions {
  /** Whether an outbox worker delivers mail (`SMTP_URL` is set); without one, waiting mail stays here. */
  readonly deliversMail: boolean;
}

// Said once above the mails, so that no status reads as if mail were on its way when nothing sends it.
const DELIVERY_NOTE = {
  delivering: 'SMTP is configured (SMTP_URL): pending mail is being sent by the outbox worker.',
  kept: 'No SMTP server is configured (SMTP_URL is unset): mail is kept here only and sent to nobody. A server started with SMTP_URL sends what is still waiting.',
} as const;

function statusOf(mail: MailRow, { deliversMail }: DevMailPageOptions): string {
  if (mail.status === 'sent' && mail.sentAt) return `sent ${mail.sentAt}`;
  // Why it was never sent: the recipient no longer qualified when it was due.
  if (mail.status === 'withheld') return `withheld (${mail.lastError ?? 'recipient_unknown'})`;
  if (mail.status === 'failed') return `failed${mail.lastError ? ` (${mail.lastError})` : ''}`;
  return deliversMail ? 'pending: being sent' : 'not sent: kept here only (no SMTP_URL)';
}

function renderMail(mail: MailRow, options: DevMailPageOptions): string {
  const facts = [
    ['To', mail.to],
    ['Subject', mail.subject],
    ['Queued', mail.createdAt],
    ['Status', statusOf(mail, options)],
  ]
    .map(([label, value]) => `<dt>${escapeHtml(label ?? '')}</dt><dd>${escapeHtml(value ?? '')}</dd>`)
    .join('');
  // The HTML part is shown as the recipient's mail client would, inside a sandbox that runs no scripts.
  return `<article><dl>${facts}</dl><iframe sandbox title="${escapeHtml(mail.subject)}" srcdoc="${escapeHtml(mail.html)}"></iframe><pre>${escapeHtml(mail.text)}</pre></article>`;
}

/**
 * The dev mail page: the outbox, newest first, as the recipients would see each e-mail, and what becomes of mail
 * still waiting (sent by the outbox worker, or kept here only when no SMTP server is configured); every value
 * escaped.
 */
export function renderDevMailPage(mails: readonly MailRow[], options: DevMailPageOptions): string {
  const note = options.deliversMail ? DELIVERY_NOTE.delivering : DELIVERY_NOTE.kept;
  const list =
    mails.length === 0
      ? '<p>The outbox is empty.</p>'
      : mails.map((mail) => renderMail(mail, options)).join('\n');
  const body = `<p role="note">${escapeHtml(note)}</p>\n${list}`;
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Confide dev mail</title>
<style>body{font-family:system-ui,sans-serif;margin:2rem;max-width:60rem}article{border:1px solid #ccc;border-radius:8px;padding:1rem;margin-bottom:1rem}dt{font-weight:600;float:left;width:6rem}dd{margin:0 0 .25rem 6rem}iframe{width:100%;height:12rem;border:1px solid #eee}pre{white-space:pre-wrap}</style>
</head><body><h1>Outbox (${mails.length})</h1>
${body}
</body></html>`;
}
