import type { Attachment, AttachmentId, ContactId, ConversationId } from '@confide/protocol';
import { describe, expect, it, vi } from 'vitest';
import { applyServerEvent } from '../cache/apply-server-event.js';
import { memoryStorage } from '../storage/storage.js';
import { ascii, pdfFile } from '../test/files.js';
import {
  clientFor,
  createMockServer,
  type DemoPerson,
  type MockServer,
  seedConversation,
  wrappedTransport,
} from '../test/mock-clients.js';
import { stateOf, until } from '../test/until.js';
import type { GetToken } from '../transport/http-client.js';
import type { HttpTransportOptions } from '../transport/http-transport.js';
import type { Composer, ComposerState } from './composer.js';
import type { ConfideClientOptions } from './create-confide-client.js';

const pages = (count: number) =>
  Array.from({ length: count }, (_, index) => pdfFile(`Page ${index}.pdf`, 100));
const exe = (name: string) =>
  new File([ascii('MZ'), new Uint8Array([0x90, 0, 3, 0, 0, 0, 4, 0]), new Uint8Array(300)], name);

/**
 * A client of `person` whose requests are recorded, uploading in small chunks so progress shows, and its composer:
 * a reply in `conversationId`, or a new conversation. The client is disposed when the test ends.
 */
async function uploader(
  mock: MockServer,
  person: DemoPerson,
  conversationId?: ConversationId,
  {
    getToken,
    transportOptions,
    ...options
  }: Partial<ConfideClientOptions> & {
    getToken?: GetToken;
    transportOptions?: Partial<HttpTransportOptions>;
  } = {},
) {
  const requests: { method: string; path: string; bytes: number; json?: unknown; status?: number }[] = [];
  const record =
    (fetch: typeof globalThis.fetch): typeof globalThis.fetch =>
    async (input, init) => {
      const request = new Request(input, init);
      const body = await request.clone().arrayBuffer();
      const json = request.headers.get('content-type')?.includes('json');
      const recorded: (typeof requests)[number] = {
        method: request.method,
        path: new URL(request.url).pathname,
        bytes: body.byteLength,
        json: json ? JSON.parse(new TextDecoder().decode(body)) : undefined,
      };
      requests.push(recorded);
      const response = await fetch(request);
      recorded.status = response.status;
      return response;
    };
  const recording = wrappedTransport(mock, person, record, {
    uploads: { chunkSizeBytes: 4096, retryDelaysMs: [0] },
    ...(getToken ? { getToken } : {}),
    ...transportOptions,
  });
  // Every removal the composer asks the transport for, with its outcome.
  const deletes: Promise<unknown>[] = [];
  const transport = {
    ...recording,
    deleteUpload: (id: AttachmentId) => {
      const deleted = recording.deleteUpload?.(id) ?? Promise.resolve();
      deletes.push(
        deleted.then(
          () => 'deleted',
          (error) => error,
        ),
      );
      return deleted;
    },
  };
  const client = await clientFor(mock, person, { transport, ...options });
  const composer = client.composer(conversationId ? { conversationId } : {});
  return { client, requests, deletes, composer };
}

const settled = (state: ComposerState) => state.attachments.every((file) => file.status !== 'uploading');

/** Attaches `files` and resolves with the state once none is uploading any more. */
function upload(composer: Composer, ...files: File[]) {
  composer.attachFiles(files);
  return until(composer, settled);
}

/** Uploads `file` and resolves with the server's id of it. */
async function uploadId(composer: Composer, file: File) {
  return (await upload(composer, file)).attachments.at(-1)?.attachmentId as AttachmentId;
}

describe('composer attachments', () => {
  it('uploads each file with observable progress, holds the send until done, and sends the ids in order', async () => {
    const mock = createMockServer();
    const id = await seedConversation(mock);
    const { client, requests, composer } = await uploader(mock, 'daniel', id);
    const progress: number[] = [];
    const stop = composer.observe((state) => progress.push(state.attachments[0]?.uploadedBytes ?? 0));
    composer.attachFiles([pdfFile('Passport.pdf', 20_000, { type: '' }), pdfFile('Payslip.pdf', 5_000)]);
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
    expect(message).toMatchObject({ attachments: [{ id: ids[0] }, { id: ids[1] }] });
    expect(stateOf(composer).attachments).toEqual([]);
    const mine = await until(client.thread(id), (state) => state.messages.length === 2);
    expect(mine.messages[1]?.attachments.map((file) => file.id)).toEqual(ids);
    const { client: ben } = await uploader(mock, 'ben');
    const seen = await until(ben.thread(id), (state) => state.messages.length === 2);
    expect(seen.messages[1]?.attachments.map((file) => [file.name, file.mediaType, file.state])).toEqual([
      ['Passport.pdf', 'application/pdf', 'not_scanned'],
      ['Payslip.pdf', 'application/pdf', 'not_scanned'],
    ]);
  });

  it("keeps an internal note's file from the client, and Daniel cannot send Ben's upload", async () => {
    const mock = createMockServer();
    const id = await seedConversation(mock);
    const { composer } = await uploader(mock, 'ben', id);
    composer.setInternal(true);
    const fileId = await uploadId(composer, pdfFile('Risk memo.pdf', 1_000));
    await composer.send();
    const { client: daniel } = await uploader(mock, 'daniel');
    const thread = await until(daniel.thread(id), (state) => state.status === 'success');
    expect(thread.messages.flatMap((message) => message.attachments)).toEqual([]);
    await expect(daniel.attachments.downloadUrl(fileId)).rejects.toMatchObject({
      code: 'not_found',
    });
    composer.setInternal(false);
    const unsent = await uploadId(composer, pdfFile('For Daniel.pdf', 1_000));
    await expect(
      daniel.transport.sendMessage(id, {
        body: 'Mine now',
        idempotencyKey: 'idk_daniel_takes_bens',
        attachmentIds: [unsent],
      }),
    ).rejects.toMatchObject({ code: 'not_found' });
  });

  // The last file fails; the ones before it upload (two requests each: create, then the bytes).
  it.each([
    ['over the client limit', [pdfFile('Big.pdf', 2_000)], { maxUploadBytes: 1_000 }, 'payload_too_large', 0],
    ['a name never accepted', [new File(['MZ'], 'setup.exe')], {}, 'type_not_allowed', 0],
    ['over the server limit', [pdfFile('Big.pdf', 3_000)], {}, 'payload_too_large', 1],
    ['an .exe renamed .pdf (the bytes decide)', [exe('Invoice.pdf')], {}, 'type_not_allowed', 2],
    ['the 21st (without uploading it)', pages(21), {}, 'invalid_input', 40],
  ])(
    'marks a file %s as failed with the typed error',
    async (_label, files, options, code, uploadRequests) => {
      const mock = createMockServer({ maxUploadBytes: 2_500 });
      const { requests, composer } = await uploader(mock, 'ben', undefined, options);
      const state = await upload(composer, ...files);
      expect(state.attachments.at(-1)).toMatchObject({
        status: 'failed',
        attachmentId: null,
        error: { code },
      });
      expect(state.attachments.filter((file) => file.status === 'uploaded')).toHaveLength(files.length - 1);
      expect(state.validation.errors.attachments?.code).toBe('upload_failed');
      expect(requests.filter((request) => request.path.includes('/v1/uploads'))).toHaveLength(uploadRequests);
    },
  );

  it('asks for a new token once when an upload request answers 401', async () => {
    const mock = createMockServer();
    const reasons: string[] = [];
    let expired = false;
    const getToken: GetToken = async ({ reason }) => {
      reasons.push(reason);
      if (!expired) return mock.as('ben').getToken();
      expired = false;
      return 'expired.token.value';
    };
    // A reply's composer loads nothing else, so every token asked for after this is for the upload.
    const { composer } = await uploader(mock, 'ben', await seedConversation(mock), { getToken });
    reasons.length = 0;
    expired = true;
    expect((await upload(composer, pdfFile('Passport.pdf', 1_000))).attachments[0]?.status).toBe('uploaded');
    expect(reasons.slice(0, 3)).toEqual(['initial', 'unauthenticated', 'initial']);
  });

  it.each([
    ['halfway through the bytes', 8192],
    ['after the last byte, before the finished file is read', 20_000],
  ])('continues an upload dropped %s from what the server has when retried', async (_when, droppedAt) => {
    const mock = createMockServer();
    const { requests, composer } = await uploader(mock, 'ben');
    const stop = composer.observe((state) => {
      if ((state.attachments[0]?.uploadedBytes ?? 0) >= droppedAt) mock.setScenario({ offline: true });
    });
    const failed = await upload(composer, pdfFile('Scan.pdf', 20_000));
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
  });

  it('removes a file: a running upload stops and the server forgets a finished one', async () => {
    const { client, composer } = await uploader(createMockServer(), 'ben');
    const uploaded = (await upload(composer, pdfFile('Draft.pdf', 1_000))).attachments[0];
    composer.attachFiles([pdfFile('Second.pdf', 50_000)]);
    const running = await until(composer, (state) => (state.attachments[1]?.uploadedBytes ?? 0) > 0);
    composer.removeAttachment(running.attachments[1]?.localId ?? '');
    composer.removeAttachment(uploaded?.localId ?? '');
    expect(stateOf(composer).attachments).toEqual([]);
    const answer = () =>
      client.transport.getAttachment?.(uploaded?.attachmentId as AttachmentId).catch((error) => error.code);
    await expect.poll(answer).toBe('not_found');
  });

  // Each terminal state of a file, and how many DELETEs removing it may send: only for an upload the server holds.
  it.each([
    ['refused on the device (its name)', new File(['MZ'], 'setup.exe'), 'failed', 0],
    ['refused by the server at creation (over its 2,500-byte limit)', pdfFile('Big.pdf', 3_000), 'failed', 0],
    ['refused by the server for its bytes (an .exe renamed .pdf)', exe('Invoice.pdf'), 'failed', 0],
    ['failed when the network dropped halfway', pdfFile('Scan.pdf', 2_400), 'dropped', 1],
    ['cancelled mid-upload', pdfFile('Scan.pdf', 2_400), 'uploading', 1],
    ['finished', pdfFile('Scan.pdf', 1_000), 'uploaded', 1],
  ] as const)(
    'removes a file %s, sending a DELETE only for an upload the server has',
    async (_label, file, phase, deleteCount) => {
      const errors = vi.spyOn(console, 'error');
      const mock = createMockServer({ maxUploadBytes: 2_500 });
      const { requests, deletes, composer } = await uploader(mock, 'ben', undefined, {
        transportOptions: { uploads: { chunkSizeBytes: 1_024, retryDelaysMs: [0] } },
      });
      composer.attachFiles([file]);
      if (phase === 'uploading') {
        await until(composer, (state) => (state.attachments[0]?.uploadedBytes ?? 0) > 0);
      } else {
        const stop = composer.observe((state) => {
          if (phase === 'dropped' && (state.attachments[0]?.uploadedBytes ?? 0) >= 1_024)
            mock.setScenario({ offline: true });
        });
        await until(composer, settled);
        stop();
        mock.setScenario({});
      }
      const attached = stateOf(composer).attachments[0];
      expect(attached?.status).toBe(phase === 'dropped' ? 'failed' : phase);
      composer.removeAttachment(attached?.localId ?? '');
      expect(stateOf(composer).attachments).toEqual([]);
      expect(deletes).toHaveLength(deleteCount);
      await expect(Promise.all(deletes)).resolves.toEqual(deletes.map(() => 'deleted'));
      expect(requests.filter((request) => request.method === 'DELETE').map(({ status }) => status)).toEqual(
        deletes.map(() => 204),
      );
      expect(errors).not.toHaveBeenCalled();
    },
  );

  it('keeps uploaded files with the saved draft and drops unfinished ones on reload', async () => {
    const mock = createMockServer();
    const storage = memoryStorage();
    const first = await uploader(mock, 'ben', undefined, { storage });
    await upload(first.composer, pdfFile('Kept.pdf', 1_000));
    first.composer.attachFiles([pdfFile('Unfinished.pdf', 60_000)]);
    first.client.dispose();
    const { composer } = await uploader(mock, 'ben', undefined, { storage });
    expect(stateOf(composer).attachments).toEqual([
      expect.objectContaining({ name: 'Kept.pdf', status: 'uploaded' }),
    ]);
    composer.setContact('con_daniel' as ContactId);
    composer.setSubject('Your file');
    await expect(composer.send()).resolves.toMatchObject({
      message: { body: '', attachments: [expect.objectContaining({ name: 'Kept.pdf' })] },
    });
  });

  it('queues a send with files while offline and sends it later with the same ids', async () => {
    const mock = createMockServer();
    const id = await seedConversation(mock);
    const { client, requests, composer } = await uploader(mock, 'ben', id);
    composer.setBody('The signed contract');
    const ids = [await uploadId(composer, pdfFile('Contract.pdf', 2_000))];
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
  });
});

describe('client.attachments.downloadUrl', () => {
  it('returns a single-use ticket URL without the token, and refuses someone else’s upload', async () => {
    const mock = createMockServer();
    const { client, composer } = await uploader(mock, 'ben');
    const id = await uploadId(composer, pdfFile('Passport.pdf', 3_000));
    const url = await client.attachments.downloadUrl(id);
    expect(url).toMatch(/^https:\/\/api\.confide\.test\/v1\/downloads\/[\w-]+$/);
    const first = await mock.fetch(url);
    expect(first.status).toBe(200);
    expect((await first.arrayBuffer()).byteLength).toBe(3_000);
    expect(await (await mock.fetch(url)).json()).toMatchObject({ error: { code: 'ticket_invalid' } });
    const { client: daniel } = await uploader(mock, 'daniel');
    await expect(daniel.attachments.downloadUrl(id)).rejects.toMatchObject({ code: 'not_found' });
  });
});

describe('attachment.updated', () => {
  it('replaces the file in its cached message and leaves the index alone', async () => {
    const mock = createMockServer();
    const id = await seedConversation(mock);
    const { client, composer } = await uploader(mock, 'ben', id);
    await until(client.conversations, (state) => state.status === 'success');
    await upload(composer, pdfFile('Scan.pdf', 1_000));
    await composer.send();
    const sent = await until(client.thread(id), (state) => state.messages[1]?.state === 'sent');
    const file = sent.messages[1]?.attachments[0] as Attachment;
    const index = client.queryClient.getQueriesData({ queryKey: client.keys.conversationLists() });
    // The event touches only the thread: the cache needs no viewer and fetches no summary.
    const cache = { ...client, viewer: () => undefined, fetchSummary: () => Promise.reject(new Error()) };
    applyServerEvent(cache, {
      id: '1',
      type: 'attachment.updated',
      data: { conversationId: id, attachment: { ...file, state: 'blocked' } },
    });
    expect(stateOf(client.thread(id)).messages[1]?.attachments).toEqual([{ ...file, state: 'blocked' }]);
    expect(client.queryClient.getQueriesData({ queryKey: client.keys.conversationLists() })).toEqual(index);
  });
});
