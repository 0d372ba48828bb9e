/**
 * SDK: how fast the headless client reacts, in Node, over @confide/mocks (the reference server's rules in
 * process, through the HTTP transport and the mock's in-process fetch: no network in the way).
 * - send(): time from the call until the optimistic message is in the thread's state, and whether it was
 *   there before send() returned (it must be synchronous).
 * - events: time to apply a burst of incoming `message.created` events to the conversation index, from the
 *   first event handed to the client until the index shows the last one.
 */
import { performance } from 'node:perf_hooks';
import {
  type ConfideClient,
  type ContactId,
  type ConversationId,
  createConfideClient,
  httpTransport,
  type ThreadState,
  type Transport,
} from '@confide/core';
import { createMockServer, DEMO_IDS } from '@confide/mocks';
import type { ServerEvent } from '@confide/protocol';
import { format, median, percentile, printTable } from './stats.js';
import { until } from './until.js';

const DANIEL = DEMO_IDS.daniel as ContactId;

export interface SdkResult {
  readonly sends: number;
  readonly sendSynchronousShare: number;
  readonly sendMedianMs: number;
  readonly sendP99Ms: number;
  readonly events: number;
  readonly conversations: number;
  readonly eventsTotalMsMedian: number;
  readonly eventsPerSecond: number;
  readonly eventRuns: number;
}

async function measureSends(count: number) {
  const mock = createMockServer();
  const transport = httpTransport({ ...mock.as('ben') });
  const started = await transport.startConversation({
    contactId: DANIEL,
    subject: 'Bench thread',
    body: 'First message',
    idempotencyKey: 'bench_start_0001',
  });
  const client = createConfideClient({ transport });
  client.mount();
  await client.ready;
  const thread = client.thread(started.conversation.id);
  await until(thread, (state) => state.status === 'success');
  let current: ThreadState | undefined;
  const stop = thread.observe((state) => {
    current = state;
  });
  const durations: number[] = [];
  let synchronous = 0;
  for (let index = 0; index < count; index += 1) {
    const body = `Send ${index}`;
    const before = current?.messages.length ?? 0;
    const start = performance.now();
    const sent = thread.send(body);
    const present = (current?.messages.length ?? 0) > before;
    if (present) {
      synchronous += 1;
      durations.push(performance.now() - start);
    } else {
      await until(thread, (state) => state.messages.some((message) => message.body === body));
      durations.push(performance.now() - start);
    }
    await sent;
  }
  stop();
  client.dispose();
  return { synchronous, durations };
}

/** Wraps a transport so the benchmark can hand events to the client directly, as an SSE stream would. */
function withEventTap(transport: Transport) {
  let deliver: ((event: ServerEvent) => void) | undefined;
  const tapped: Transport = {
    ...transport,
    subscribe(onEvent, options) {
      deliver = onEvent;
      options?.onStatusChange?.('open');
      return () => {
        deliver = undefined;
      };
    },
  };
  return { tapped, emit: (event: ServerEvent) => deliver?.(event) };
}

async function measureEvents(eventCount: number, conversationCount: number) {
  const mock = createMockServer();
  const transport = httpTransport({ ...mock.as('ben') });
  const ids: ConversationId[] = [];
  for (let index = 0; index < conversationCount; index += 1) {
    const started = await transport.startConversation({
      contactId: DANIEL,
      subject: `Matter ${index}`,
      body: 'Opening message',
      idempotencyKey: `bench_conv_${String(index).padStart(6, '0')}`,
    });
    ids.push(started.conversation.id);
  }
  const { tapped, emit } = withEventTap(transport);
  const client: ConfideClient = createConfideClient({ transport: tapped });
  client.mount();
  await client.ready;
  await until(client.conversations, (state) => state.status === 'success');
  // Valid events of the protocol, handed to the client as a burst (as a busy stream would).
  const events: ServerEvent[] = [];
  const base = Date.parse('2026-11-25T09:00:00Z');
  for (let index = 0; index < eventCount; index += 1) {
    const conversationId = ids[index % ids.length] as ConversationId;
    events.push({
      id: String(10_000_000 + index),
      type: 'message.created',
      data: {
        message: {
          id: `msg_bench_${index}`,
          conversationId,
          author: { kind: 'client', id: 'con_daniel', name: 'Daniel Okafor' },
          body: `Reply number ${index}`,
          createdAt: new Date(base + index * 1000).toISOString(),
          internal: false,
          idempotencyKey: `bench_evt_${String(index).padStart(8, '0')}`,
        },
      },
    } as ServerEvent);
  }
  const last = events.at(-1);
  const lastBody = last?.type === 'message.created' ? last.data.message.body : '';
  const start = performance.now();
  for (const event of events) emit(event);
  await until(client.conversations, (state) => state.conversations[0]?.lastMessage?.text === lastBody);
  const elapsed = performance.now() - start;
  client.dispose();
  return elapsed;
}

export async function measureSdk(options: { quick: boolean }): Promise<SdkResult> {
  const sends = options.quick ? 100 : 500;
  const events = options.quick ? 2_000 : 10_000;
  const conversations = 100;
  const runs = options.quick ? 3 : 5;
  const { synchronous, durations } = await measureSends(sends);
  const eventTimes: number[] = [];
  for (let run = 0; run < runs; run += 1) eventTimes.push(await measureEvents(events, conversations));
  const eventsTotalMsMedian = median(eventTimes);
  return {
    sends,
    sendSynchronousShare: synchronous / sends,
    sendMedianMs: median(durations),
    sendP99Ms: percentile(durations, 0.99),
    events,
    conversations,
    eventsTotalMsMedian,
    eventsPerSecond: events / (eventsTotalMsMedian / 1000),
    eventRuns: runs,
  };
}

export function printSdk(result: SdkResult) {
  printTable(
    'SDK (Node, @confide/mocks in process)',
    ['measure', 'value'],
    [
      [
        `send() -> optimistic message in the thread snapshot (${result.sends} sends)`,
        `median ${format(result.sendMedianMs * 1000, 'µs', 0)}, p99 ${format(result.sendP99Ms * 1000, 'µs', 0)}`,
      ],
      [
        '  present before send() returned (synchronous)',
        `${(result.sendSynchronousShare * 100).toFixed(0)} %`,
      ],
      [
        `${result.events.toLocaleString('en')} message.created events -> index (${result.conversations} conversations)`,
        `median ${format(result.eventsTotalMsMedian, 'ms')} of ${result.eventRuns} runs, ${Math.round(result.eventsPerSecond).toLocaleString('en')} events/s`,
      ],
    ],
  );
}
