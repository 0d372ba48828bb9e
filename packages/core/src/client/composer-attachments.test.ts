import type { Attachment, AttachmentId, ListMessagesResponse } from '@confide/protocol';
import type { InfiniteData } from '@tanstack/query-core';
import { describe, expect, it } from 'vitest';
import { applyServerEvent } from '../cache/apply-server-event.js';
import { memoryStorage } from '../storage/storage.js';
import {
  clientFor,
  createMockServer,
  type DemoPerson,
  type MockServer,
  seedConversation,
} from '../test/mock-clients.js';
import { stateOf, until } from '../test/until.js';
import { httpTransport } from '../transport/http-transport.js';
import type { ComposerState } from './composer.js';
import type { ConfideClientOptions } from './create-confide-client.js';

const ascii = (text: string) => new TextEncoder().encode(text);
/** A PDF by its bytes, padded to `size`. */
const pdf = (name: string, size = 20_000, type = 'application/pdf') =>
  new File([ascii('%PDF-1.7\n'), new Uint8Array(size - 16).fill(32), ascii('\n%%EOF\n')], name, { type });
const exe = (name: string) =>
  new File([ascii('MZ'), new Uint8Array([0x90, 0, 3, 0, 0, 0, 4, 0]), new Uint8Array(300)], name);

interface Recorded {
  readonly method: string;
  readonly path: string;
  readonly bytes: number;
  readonly json?: unknown;
}

/** A client of `person` whose requests are recorded, uploading in small chunks so progress shows. */
async function uploader(mock: MockServer, person: DemoPerson, options: Partial<ConfideClientOptions> = {}) {
  const requests: Recorded[] = [];
  const connection = mock.as(person);
  const fetch: typeof globalThis.fetch = async (input, init) => {
    const request = new Request(input, init);
    const body = await request.clone().arrayBuffer();
    const json = request.headers.get('content-type')?.includes('json')
      ? JSON.parse(new TextDecoder().decode(body))
      : undefined;
    requests.push({
      method: request.method,
      path: new URL(request.url).pathname,
      bytes: body.byteLength,
      json,
    });
    return connection.fetch(request);
  };
  const transport = httpTransport({
    ...connection,
    fetch,
    uploads: { chunkSizeBytes: 4096, retryDelaysMs: [0] },
  });
  const client = await clientFor(mock, person, { transport, ...options });
  return { client, requests };
}

const settled = (state: ComposerState) => state.attachments.every((file) => file.status !== 'uploading');

describe('composer attachments', () => {
  it('uploads each file with observable progress, holds the send until done, and sends the ids in order', async () => {
    const mock = createMockServer();
    const id = await seedConversation(mock);
    const { client, requests } = await uploader(mock, 'daniel');
    const composer = client.composer({ conversationId: id });
    const progress: number[] = [];
    const stop = composer.observe((state) => progress.push(state.attachments[0]?.uploadedBytes ?? 0));
    composer.attachFiles([pdf('Passport.pdf', 20_000, ''), pdf('Payslip.pdf', 5_000)]);
    expect(stateOf(composer).validation.errors.attachments?.code).toBe('uploading');
    const done = await until(composer, settled);
    stop();
    expect(done.attachments).toEqual([
      expect.objectContaining({
        name: 'Passport.pdf',
        status: 'uploaded',
        mediaType: 'application/pdf',
        size: 20_000,
      }),
      expect.objectContaining({ name: 'Payslip.pdf', status: 'uploaded', uploadedBytes: 5_000 }),
    ]);
    expect(new Set(progress).size).toBeGreaterThan(3);
    // Only files: the body may stay empty.
    expect(done.validation).toMatchObject({ valid: true, errors: {} });
    const ids = done.attachments.map((file) => file.attachmentId);
    const message = await composer.send();
    expect(requests.find((request) => request.path.endsWith('/messages'))?.json).toMatchObject({
      body: '',
      attachmentIds: ids,
    });
    expect(message).toMatchObject({ conversationId: id });
    expect(stateOf(composer).attachments).toEqual([]);
    client.dispose();
  });

  it.each([
    ['over the client limit', pdf('Big.pdf', 2_000), { maxUploadBytes: 1_000 }, 'payload_too_large', 0],
    ['a name never accepted', new File(['MZ'], 'setup.exe'), {}, 'type_not_allowed', 0],
    ['over the server limit', pdf('Big.pdf', 3_000), {}, 'payload_too_large', 1],
    ['an .exe renamed .pdf (the bytes decide)', exe('Invoice.pdf'), {}, 'type_not_allowed', 2],
  ])(
    'marks a file %s as failed with the typed error',
    async (_label, file, options, code, uploadRequests) => {
      const mock = createMockServer({ maxUploadBytes: 2_500 });
      const { client, requests } = await uploader(mock, 'ben', options);
      const composer = client.composer();
      composer.attachFiles([file]);
      const state = await until(composer, settled);
      expect(state.attachments[0]).toMatchObject({ status: 'failed', attachmentId: null, error: { code } });
      expect(state.validation.errors.attachments?.code).toBe('upload_failed');
      expect(requests.filter((request) => request.path.includes('/v1/uploads'))).toHaveLength(uploadRequests);
      client.dispose();
    },
  );

  it('refuses a 21st file without uploading it', async () => {
    const { client } = await uploader(createMockServer(), 'ben');
    const composer = client.composer();
    composer.attachFiles(Array.from({ length: 21 }, (_, index) => pdf(`Page ${index}.pdf`, 100)));
    const state = await until(composer, settled);
    expect(state.attachments.filter((file) => file.status === 'uploaded')).toHaveLength(20);
    expect(state.attachments[20]).toMatchObject({ status: 'failed', error: { code: 'invalid_input' } });
    client.dispose();
  });

  it('continues a dropped upload from the bytes the server has when retried', async () => {
    const mock = createMockServer();
    const { client, requests } = await uploader(mock, 'ben');
    const composer = client.composer();
    const stop = composer.observe((state) => {
      if ((state.attachments[0]?.uploadedBytes ?? 0) >= 8192) mock.setScenario({ offline: true });
    });
    composer.attachFiles([pdf('Scan.pdf', 20_000)]);
    const failed = await until(composer, settled);
    stop();
    expect(failed.attachments[0]).toMatchObject({ status: 'failed', error: { code: 'network' } });
    mock.setScenario({});
    composer.retryAttachment(failed.attachments[0]?.localId ?? '');
    const done = await until(composer, settled);
    expect(done.attachments[0]).toMatchObject({ status: 'uploaded', size: 20_000 });
    const patches = requests.filter((request) => request.method === 'PATCH');
    // At most the chunk cut off is sent twice (starting over would send the first 8 KiB again), after asking the
    // server where to continue.
    expect(patches.reduce((sum, request) => sum + request.bytes, 0)).toBeLessThanOrEqual(20_000 + 4096);
    expect(requests.some((request) => request.method === 'HEAD')).toBe(true);
    expect(
      requests.filter((request) => request.method === 'POST' && request.path.endsWith('/uploads')),
    ).toHaveLength(1);
    client.dispose();
  });

  it('removes a file: a running upload stops and the server forgets a finished one', async () => {
    const mock = createMockServer();
    const { client } = await uploader(mock, 'ben');
    const composer = client.composer();
    composer.attachFiles([pdf('Draft.pdf', 1_000)]);
    const uploaded = (await until(composer, settled)).attachments[0];
    composer.attachFiles([pdf('Second.pdf', 50_000)]);
    const running = await until(composer, (state) => (state.attachments[1]?.uploadedBytes ?? 0) > 0);
    composer.removeAttachment(running.attachments[1]?.localId ?? '');
    composer.removeAttachment(uploaded?.localId ?? '');
    expect(stateOf(composer).attachments).toEqual([]);
    const answer = () =>
      client.transport.getAttachment?.(uploaded?.attachmentId as AttachmentId).catch((error) => error.code);
    await expect.poll(answer).toBe('not_found');
    client.dispose();
  });

  it('keeps uploaded files with the saved draft and drops unfinished ones on reload', async () => {
    const mock = createMockServer();
    const storage = memoryStorage();
    const first = await uploader(mock, 'ben', { storage });
    first.client.composer().attachFiles([pdf('Kept.pdf', 1_000)]);
    await until(first.client.composer(), settled);
    first.client.composer().attachFiles([pdf('Unfinished.pdf', 60_000)]);
    first.client.dispose();
    const second = await uploader(mock, 'ben', { storage });
    expect(stateOf(second.client.composer()).attachments).toEqual([
      expect.objectContaining({ name: 'Kept.pdf', status: 'uploaded' }),
    ]);
    second.client.dispose();
  });

  it('queues a send with files while offline and sends it later with the same ids', async () => {
    const mock = createMockServer();
    const id = await seedConversation(mock);
    const { client, requests } = await uploader(mock, 'ben');
    const composer = client.composer({ conversationId: id });
    composer.attachFiles([pdf('Contract.pdf', 2_000)]);
    composer.setBody('The signed contract');
    const ids = (await until(composer, settled)).attachments.map((file) => file.attachmentId);
    client.setOnline(false);
    const sending = composer.send();
    expect(client.stores.outbox.getState().entries[0]?.attachments?.map((file) => file.id)).toEqual(ids);
    expect(stateOf(client.thread(id)).messages.at(-1)).toMatchObject({
      state: 'sending',
      attachments: [expect.objectContaining({ name: 'Contract.pdf' })],
    });
    client.setOnline(true);
    await sending;
    const sends = requests.filter(
      (request) => request.path.endsWith('/messages') && request.method === 'POST',
    );
    expect(sends.map((request) => (request.json as { attachmentIds: string[] }).attachmentIds)).toEqual([
      ids,
    ]);
    client.dispose();
  });
});

describe('client.attachments.downloadUrl', () => {
  it('returns a single-use ticket URL without the token, and refuses someone else’s upload', async () => {
    const mock = createMockServer();
    const { client } = await uploader(mock, 'ben');
    const composer = client.composer();
    composer.attachFiles([pdf('Passport.pdf', 3_000)]);
    const id = (await until(composer, settled)).attachments[0]?.attachmentId as AttachmentId;
    const url = await client.attachments.downloadUrl(id);
    expect(url).toMatch(/^https:\/\/api\.confide\.test\/v1\/downloads\/[\w-]+$/);
    const first = await mock.fetch(url);
    expect(first.status).toBe(200);
    expect((await first.arrayBuffer()).byteLength).toBe(3_000);
    expect(await (await mock.fetch(url)).json()).toMatchObject({ error: { code: 'ticket_invalid' } });
    const { client: daniel } = await uploader(mock, 'daniel');
    await expect(daniel.attachments.downloadUrl(id)).rejects.toMatchObject({ code: 'not_found' });
    client.dispose();
    daniel.dispose();
  });
});

describe('attachment.updated', () => {
  it('replaces the file in its cached message and leaves the index alone', async () => {
    const mock = createMockServer();
    const id = await seedConversation(mock);
    const { client } = await uploader(mock, 'ben');
    const thread = await until(client.thread(id), (state) => state.status === 'success');
    await until(client.conversations, (state) => state.status === 'success');
    const message = thread.messages[0];
    const file: Attachment = {
      ...{ id: 'att_scan' as AttachmentId, name: 'Scan.pdf', size: 10, mediaType: 'application/pdf' },
      ...{
        state: 'scanning',
        internal: false,
        messageId: message?.id ?? null,
        createdAt: message?.createdAt ?? '',
      },
    };
    client.queryClient.setQueryData<InfiniteData<ListMessagesResponse>>(
      client.keys.messages(id),
      (pages) =>
        pages && {
          ...pages,
          pages: pages.pages.map((page) => ({
            ...page,
            items: page.items.map((item) => ({ ...item, attachments: [file] })),
          })),
        },
    );
    const index = client.queryClient.getQueriesData({ queryKey: client.keys.conversationLists() });
    const cache = {
      queryClient: client.queryClient,
      keys: client.keys,
      viewer: () => undefined,
      fetchSummary: async () => {
        throw new Error('not needed');
      },
    };
    applyServerEvent(cache, {
      id: '1',
      type: 'attachment.updated',
      data: { conversationId: id, attachment: { ...file, state: 'blocked' } },
    });
    expect(stateOf(client.thread(id)).messages[0]?.attachments).toEqual([{ ...file, state: 'blocked' }]);
    expect(client.queryClient.getQueriesData({ queryKey: client.keys.conversationLists() })).toEqual(index);
    client.dispose();
  });
});
