import { randomUUID } from 'node:crypto';
import { ListMessagesResponseSchema, routes, SendMessageResponseSchema } from '@confide/protocol';
import { expect, test } from '@playwright/test';
import { devToken, startConversationWith } from '../src/api.js';
import { type Person, people } from '../src/people.js';
import { openFirmAs } from '../src/session.js';
import { threadMessage } from '../src/thread.js';
import { urls } from '../src/urls.js';

/** Messages in the thread before the reader opens it: more than one page (30), so an older page exists that the reader
 * may load; the `cost` annotation says whether it did. */
const EARLIER_MESSAGES = 35;
/** Messages each of the two writers sends while the reader opens the thread and reads it. */
const MESSAGES_PER_WRITER = 12;

/** Sends `count` messages as `person`, one after another with a short pause, each body carrying `tag` and its number. */
async function keepWriting(
  person: Person,
  conversationId: string,
  tag: string,
  count: number,
  pauseMs: number,
) {
  const token = await devToken(person);
  const path = routes.sendMessage.path.replace(':id', encodeURIComponent(conversationId));
  for (let index = 1; index <= count; index += 1) {
    const response = await fetch(`${urls.api()}${path}`, {
      method: routes.sendMessage.method,
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ body: `${tag}-${index} from ${person.name}`, idempotencyKey: randomUUID() }),
    });
    if (!response.ok) throw new Error(`Send as ${person.email}: ${response.status}`);
    SendMessageResponseSchema.parse(await response.json());
    await new Promise((resolve) => setTimeout(resolve, pauseMs));
  }
}

/** Every message body of the conversation as `person` reads it through the API, oldest first. */
async function bodiesOnServer(person: Person, conversationId: string): Promise<string[]> {
  const path = routes.listMessages.path.replace(':id', encodeURIComponent(conversationId));
  const response = await fetch(`${urls.api()}${path}?limit=100`, {
    headers: { authorization: `Bearer ${await devToken(person)}` },
  });
  // One page holds them all; its items are oldest first.
  return ListMessagesResponseSchema.parse(await response.json()).items.map((message) => message.body);
}

test('19a. A thread opened while two people keep writing in it never shows a message twice, out of order, or one that went and came back', async ({
  browser,
}, testInfo) => {
  const tag = `arrival-${randomUUID().slice(0, 6)}`;
  const conversationId = await startConversationWith(
    people.ana,
    people.daniel,
    `Busy thread ${tag}`,
    'Opening note',
  );
  await keepWriting(people.ana, conversationId, `${tag}-earlier`, EARLIER_MESSAGES - 1, 0);

  const context = await browser.newContext();
  const page = await context.newPage();
  // Every change to the thread's feed is recorded in the page as the list of tagged messages it shows, in order.
  await page.addInitScript(
    ({ liveTag, writers }) => {
      const tagged = new RegExp(`${liveTag}-\\d+ from (?:${writers.join('|')})`);
      const seen: string[][] = [];
      (window as unknown as { confideSeen: string[][] }).confideSeen = seen;
      const record = () => {
        const feed = document.querySelector('[role="feed"]');
        if (!feed) return;
        const shown = [...feed.querySelectorAll('[role="article"]')].flatMap(
          (article) => (article.textContent ?? '').match(tagged)?.[0] ?? [],
        );
        if (seen.at(-1)?.join('|') !== shown.join('|')) seen.push(shown);
      };
      new MutationObserver(record).observe(document, { childList: true, subtree: true, characterData: true });
    },
    { liveTag: `${tag}-live`, writers: [people.daniel.name, people.carla.name] },
  );

  const threadLoads: string[] = [];
  page.on('request', (request) => {
    const url = new URL(request.url());
    if (request.method() === 'GET' && url.pathname.endsWith(`/${conversationId}/messages`))
      threadLoads.push(url.search);
  });

  const writing = Promise.all([
    keepWriting(people.daniel, conversationId, `${tag}-live`, MESSAGES_PER_WRITER, 150),
    keepWriting(people.carla, conversationId, `${tag}-live`, MESSAGES_PER_WRITER, 230),
  ]);
  await openFirmAs(page, people.ben, `/messages/${conversationId}`);
  await writing;

  const onServer = (await bodiesOnServer(people.ben, conversationId)).filter((body) =>
    body.startsWith(`${tag}-live`),
  );
  expect(onServer).toHaveLength(2 * MESSAGES_PER_WRITER);
  await expect(threadMessage(page, onServer.at(-1)!)).toBeVisible();
  const seen = await page.evaluate(() => (window as unknown as { confideSeen: string[][] }).confideSeen);

  const gone = new Set<string>();
  const problems: string[] = [];
  for (const [step, shown] of seen.entries()) {
    if (new Set(shown).size !== shown.length)
      problems.push(`step ${step}: a message twice: ${shown.join(', ')}`);
    const order = shown.map((body) => onServer.indexOf(body));
    if (order.some((position, index) => position < 0 || (index > 0 && position < order[index - 1]!)))
      problems.push(`step ${step}: not in the server's order: ${shown.join(', ')}`);
    for (const body of shown) if (gone.has(body)) problems.push(`step ${step}: came back: ${body}`);
    const previous = seen[step - 1] ?? [];
    // A message that leaves the bottom-following view must be one that scrolled off the top, never a newer one.
    for (const body of previous) if (!shown.includes(body) && shown.length > 0) gone.add(body);
  }
  if (problems.length > 0)
    testInfo.annotations.push({ type: 'seen', description: JSON.stringify({ seen, loads: threadLoads }) });
  expect(problems).toEqual([]);
  expect(seen.at(-1)?.at(-1)).toBe(onServer.at(-1));
  // Reported, not asserted: how many pages of the thread the reader's page fetched while 24 messages arrived.
  testInfo.annotations.push({
    type: 'cost',
    description: `${threadLoads.length} GETs of the thread's messages (${threadLoads.join(' ')}), ${seen.length} changes seen`,
  });
  await context.close();
});
