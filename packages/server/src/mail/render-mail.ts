import { isolateBidi } from '@confide/protocol';
import { escapeHtml } from '../lib/escape-html.js';

// The sentences of our e-mails are English, so left-to-right names stay as typed and only text that could reorder
// them is isolated.
const inSentence = (name: string) => isolateBidi(name, { sentenceDirection: 'ltr' });

/**
 * A rendered e-mail: subject, plain text and HTML. Names sit inside our own sentences, so each goes through
 * `isolateBidi` for a left-to-right sentence: a right-to-left name or a bidi control in one cannot reorder the
 * words around it.
 */
export interface RenderedMail {
  readonly subject: string;
  readonly text: string;
  readonly html: string;
}

/** What the client's "a message is waiting" e-mail may mention: names and the portal link, never message text. */
export interface ClientMessageWaitingInput {
  readonly firmName: string;
  readonly clientFirstName: string;
  readonly portalUrl: string;
}

/** What a member's "a client started a conversation" e-mail may mention, never the subject or the message. */
export interface MemberClientStartedInput {
  readonly firmName: string;
  readonly memberName: string;
  readonly clientName: string;
  readonly firmAppUrl: string;
}

function renderHtml(
  paragraphs: readonly string[],
  link: { readonly url: string; readonly label: string },
): string {
  const body = paragraphs.map((paragraph) => `<p>${escapeHtml(paragraph)}</p>`).join('\n');
  return `<!doctype html>\n<html><body>\n${body}\n<p><a href="${escapeHtml(link.url)}">${escapeHtml(link.label)}</a></p>\n</body></html>`;
}

/**
 * The e-mail a client receives when the firm writes to them. It says that a secure message is waiting in the
 * portal and links there; by design it contains neither the conversation's subject nor the message body.
 */
export function renderClientMessageWaitingMail(input: ClientMessageWaitingInput): RenderedMail {
  const firmName = inSentence(input.firmName);
  const subject = `A secure message is waiting in your portal — ${firmName}`;
  const paragraphs = [
    `Hello ${inSentence(input.clientFirstName)},`,
    `${firmName} sent you a secure message. It is waiting in your portal.`,
    'For your privacy, the message itself is only shown in the portal.',
  ];
  const text = `${paragraphs.join('\n\n')}\n\nOpen your portal: ${input.portalUrl}\n`;
  return { subject, text, html: renderHtml(paragraphs, { url: input.portalUrl, label: 'Open your portal' }) };
}

/**
 * The e-mail a member receives when a client starts a conversation and the firm's setting chose them. Like every
 * Confide e-mail it carries no subject line or message text of the conversation, only that one is waiting.
 */
export function renderMemberClientStartedMail(input: MemberClientStartedInput): RenderedMail {
  const clientName = inSentence(input.clientName);
  const firmName = inSentence(input.firmName);
  const subject = `${clientName} started a secure conversation — ${firmName}`;
  const paragraphs = [
    `Hello ${inSentence(input.memberName)},`,
    `${clientName} started a new secure conversation with ${firmName}.`,
    'Open Confide to read it.',
  ];
  const text = `${paragraphs.join('\n\n')}\n\nOpen Confide: ${input.firmAppUrl}\n`;
  return { subject, text, html: renderHtml(paragraphs, { url: input.firmAppUrl, label: 'Open Confide' }) };
}
