import type { Page } from '@playwright/test';
import { urls } from './urls.js';

/** One e-mail as the dev mail page shows it. */
export interface OutboxMail {
  readonly to: string;
  readonly subject: string;
  /** The plain-text part. */
  readonly text: string;
  /** The HTML part (the page shows it in a sandboxed frame). */
  readonly html: string;
}

const ENTITIES: Record<string, string> = {
  '&amp;': '&',
  '&lt;': '<',
  '&gt;': '>',
  '&quot;': '"',
  '&#39;': "'",
};
const unescapeHtml = (value: string) =>
  value.replace(/&(?:amp|lt|gt|quot|#39);/g, (entity) => ENTITIES[entity] ?? entity);

function fact(article: string, label: string): string {
  const match = new RegExp(`<dt>${label}</dt><dd>([^<]*)</dd>`).exec(article);
  return unescapeHtml(match?.[1] ?? '');
}

/**
 * Reads every e-mail on the server's dev mail page, newest first. The page is fetched and parsed here rather
 * than rendered, because the browser builds a frame per e-mail and the outbox grows during a run.
 */
export async function readOutbox(mailPage = urls.devMail()): Promise<OutboxMail[]> {
  const response = await fetch(mailPage);
  if (!response.ok) throw new Error(`The dev mail page answered ${response.status}`);
  const page = await response.text();
  return [...page.matchAll(/<article>([\s\S]*?)<\/article>/g)].map(([, article = '']) => ({
    to: fact(article, 'To'),
    subject: fact(article, 'Subject'),
    text: unescapeHtml(/<pre>([\s\S]*?)<\/pre>/.exec(article)?.[1] ?? ''),
    html: unescapeHtml(/srcdoc="([^"]*)"/.exec(article)?.[1] ?? ''),
  }));
}

/** Shows the dev mail page in a browser tab, as a person checking the demo's e-mails would see it. */
export async function showOutbox(page: Page): Promise<void> {
  await page.goto(urls.devMail());
}
