import { describe, expect, it } from 'vitest';
import { recordScanResult } from '../attachments/record-scan-result.js';
import { seedDemo } from '../seed/demo.js';
import { DEMO_IDS } from '../seed/demo-data.js';
import { createMemoryStore } from '../store/memory-store.js';
import type { Store } from '../store/store.js';
import { seedAttachment } from '../testing/attachment-fixtures.js';
import { readSse } from '../testing/read-sse.js';
import { createTestApp, freshKey, type PersonName, TEST_START } from '../testing/test-app.js';

const CONVERSATION = 'cnv_daniel_work_permit';
const HEARTBEAT_INTERVAL_MS = 20;

/**
 * A test app over a seeded memory store whose directory can drop people, as a host's directory does when someone
 * leaves (the store then no longer finds them: `loadViewer` gives null, as the SQL store does for a deleted row).
 */
async function appWithDirectory() {
  const inner = createMemoryStore();
  await seedDemo(inner, { now: TEST_START });
  const removed = new Set<string>();
  const store: Store = {
    ...inner,
    loadViewer: (firmId, party) =>
      removed.has(party.id) ? Promise.resolve(null) : inner.loadViewer(firmId, party),
  };
  const test = await createTestApp({ store, heartbeatIntervalMs: HEARTBEAT_INTERVAL_MS });
  return {
    ...test,
    store,
    context: () => ({ ...test.context(), store }),
    remove: (id: string) => removed.add(id),
  };
}

type World = Awaited<ReturnType<typeof appWithDirectory>>;

/** Something `person` would hear about on their stream while they may still sign in. */
type Trigger = (world: World) => Promise<void>;

/** A file Ana sent Daniel while his portal was open, whose scan verdict comes in now: `attachment.updated`. */
const scanFinishes: Trigger = async (world) => {
  const file = await seedAttachment(world, {
    uploader: 'owner',
    name: 'visa-refusal-draft.pdf',
    state: 'scanning',
    sentIn: CONVERSATION,
  });
  await recordScanResult(world.context(), file.id, { clean: true });
};

/** Ana writes an internal note: `message.created` to every member. */
const noteWritten: Trigger = async (world) => {
  const answer = await world.call('POST', `/v1/conversations/${CONVERSATION}/messages`, {
    as: 'owner',
    body: { body: 'Weak case, settle early', idempotencyKey: freshKey(), internal: true },
  });
  expect(answer.status).toBe(201);
};

/** The next event on the stream, or `'ended'` when the server ends it first. */
async function nextEventOrEnd(stream: ReturnType<typeof readSse>) {
  try {
    return (await stream.nextEvent()).event;
  } catch {
    return 'ended';
  }
}

describe('an open event stream after a change in the directory', () => {
  // `heard` is what the person gets next: `ended` when they may no longer sign in, else the event.
  it.each<{
    name: string;
    person: PersonName;
    change: (world: World) => Promise<unknown>;
    trigger: Trigger;
    heard: string;
  }>([
    {
      name: "a client whose portal is closed (inactive), even for a file's scan result",
      person: 'client',
      change: (world) => world.store.updateContact(DEMO_IDS.daniel, { portalStatus: 'inactive' }),
      trigger: scanFinishes,
      heard: 'ended',
    },
    {
      name: 'a client whose portal went back to invited',
      person: 'client',
      change: (world) => world.store.updateContact(DEMO_IDS.daniel, { portalStatus: 'invited' }),
      trigger: scanFinishes,
      heard: 'ended',
    },
    {
      name: "a member who left the firm's directory, for an internal note",
      person: 'member',
      change: async (world) => world.remove(DEMO_IDS.carla),
      trigger: noteWritten,
      heard: 'ended',
    },
    {
      name: 'a client whose e-mail address changed',
      person: 'client',
      change: (world) => world.store.updateContact(DEMO_IDS.daniel, { email: 'daniel.new@client.test' }),
      trigger: scanFinishes,
      heard: 'attachment.updated',
    },
    {
      name: 'a member whose e-mail address changed',
      person: 'member',
      change: (world) => world.store.updateMember(DEMO_IDS.carla, { email: 'carla.new@rivera-cho.test' }),
      trigger: noteWritten,
      heard: 'message.created',
    },
    {
      name: 'a member while a colleague left',
      person: 'member',
      change: async (world) => world.remove(DEMO_IDS.ben),
      trigger: noteWritten,
      heard: 'message.created',
    },
  ])('gives $name: $heard', async ({ person, change, trigger, heard }) => {
    const world = await appWithDirectory();
    const stream = readSse(await world.call('GET', '/v1/events', { as: person }));
    await stream.nextPosition();
    await change(world);
    world.clock.advance(HEARTBEAT_INTERVAL_MS);
    await trigger(world);
    expect(await nextEventOrEnd(stream)).toBe(heard);
    await stream.cancel();
  });
});
