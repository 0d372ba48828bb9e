import { createHash } from 'node:crypto';
import { mkdir } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { Upload } from '@tus/server';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { InspectingFileStore } from './inspecting-file-store.js';

const sha256 = (data: Uint8Array) => createHash('sha256').update(data).digest('hex');
const FILE = new Uint8Array(Buffer.from('%PDF-1.7\nthe whole file, sent in several requests\n'));

let directory: string;
const directories: string[] = [];
beforeEach(async () => {
  directory = await mkdtemp(join(tmpdir(), 'confide-inspecting-store-'));
  directories.push(directory);
});
// Removed once every test is done: tus's FileStore starts a mkdir of its folder in its constructor and throws from
// the callback if it fails, so removing a test's folder right after it raced that mkdir (an uncaught ENOENT).
afterAll(async () => {
  for (const folder of directories) await rm(folder, { recursive: true, force: true });
});

/** A store on the test's folder, once the mkdir its constructor started is (as far as the thread pool goes) done. */
async function storeIn(folder: string): Promise<InspectingFileStore> {
  const store = new InspectingFileStore({ directory: folder });
  await new Promise((resolve) => mkdir(folder, { recursive: true }, resolve));
  return store;
}

async function newUpload(store: InspectingFileStore, id: string) {
  await store.create(new Upload({ id, size: FILE.byteLength, offset: 0 }));
}

/** A request body of the given pieces that fails after them when `fails`. */
function body(pieces: Uint8Array[], fails = false): Readable {
  return Readable.from(
    (async function* () {
      yield* pieces.map((piece) => Buffer.from(piece));
      if (fails) throw new Error('connection cut');
    })(),
  );
}

/** Writes FILE in requests that end at `ends`, each continuing where the file stands. */
async function writeInRequests(store: InspectingFileStore, id: string, ends: number[]) {
  let offset = 0;
  for (const end of ends) {
    offset = await store.write(body([FILE.subarray(offset, end)]), id, offset);
  }
  return offset;
}

describe('InspectingFileStore', () => {
  it.each([
    ['one request', [FILE.byteLength]],
    ['three requests', [10, 20, FILE.byteLength]],
    ['a request per byte', Array.from(FILE, (_, index) => index + 1)],
  ])('reports on an upload written in %s, as the bytes on disk are', async (_label, ends) => {
    const store = await storeIn(directory);
    await newUpload(store, 'att_a');
    expect(await writeInRequests(store, 'att_a', ends)).toBe(FILE.byteLength);
    expect(new Uint8Array(await readFile(join(directory, 'att_a')))).toEqual(FILE);
    expect(store.inspectionOf('att_a', FILE.byteLength)).toEqual({
      size: FILE.byteLength,
      sha256: sha256(FILE),
      text: true,
    });
    // Asked once: the inspection is gone afterwards.
    expect(store.inspectionOf('att_a', FILE.byteLength)).toBeNull();
  });

  it('has no report when a request it did not see wrote part of the file (another process)', async () => {
    const elsewhere = await storeIn(directory);
    await newUpload(elsewhere, 'att_b');
    const offset = await elsewhere.write(body([FILE.subarray(0, 10)]), 'att_b', 0);
    const here = await storeIn(directory);
    expect(await here.write(body([FILE.subarray(offset)]), 'att_b', offset)).toBe(FILE.byteLength);
    expect(here.inspectionOf('att_b', FILE.byteLength)).toBeNull();
  });

  it('has no report after a request whose connection was cut, even once the rest arrives', async () => {
    const store = await storeIn(directory);
    await newUpload(store, 'att_c');
    await writeInRequests(store, 'att_c', [10]);
    await expect(store.write(body([FILE.subarray(10, 20)], true), 'att_c', 10)).rejects.toBeDefined();
    const stored = (await readFile(join(directory, 'att_c'))).byteLength;
    expect(await store.write(body([FILE.subarray(stored)]), 'att_c', stored)).toBe(FILE.byteLength);
    expect(store.inspectionOf('att_c', FILE.byteLength)).toBeNull();
  });

  it('starts over when a request writes from the start again', async () => {
    const store = await storeIn(directory);
    await newUpload(store, 'att_d');
    await expect(store.write(body([FILE.subarray(0, 10)], true), 'att_d', 0)).rejects.toBeDefined();
    expect(await store.write(body([FILE]), 'att_d', 0)).toBe(FILE.byteLength);
    expect(store.inspectionOf('att_d', FILE.byteLength)?.sha256).toBe(sha256(FILE));
  });

  it.each(['../att_g', 'nested/att_g', '/tmp/att_g'])(
    'refuses to write outside its folder (%s)',
    async (id) => {
      const store = await storeIn(directory);
      await expect(store.write(body([FILE]), id, 0)).rejects.toMatchObject({ status_code: 404 });
    },
  );

  it('has no report for a size other than the bytes it saw, nor after the upload was removed', async () => {
    const store = await storeIn(directory);
    await newUpload(store, 'att_e');
    await writeInRequests(store, 'att_e', [10]);
    expect(store.inspectionOf('att_e', FILE.byteLength)).toBeNull();
    await newUpload(store, 'att_f');
    await writeInRequests(store, 'att_f', [FILE.byteLength]);
    await store.remove('att_f');
    expect(store.inspectionOf('att_f', FILE.byteLength)).toBeNull();
  });
});
