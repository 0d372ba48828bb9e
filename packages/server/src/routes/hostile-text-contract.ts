import { routeList } from '@confide/protocol';
import { beforeAll, describe, expect, it } from 'vitest';
import { seedAttachment } from '../testing/attachment-fixtures.js';
import { storeFootprint } from '../testing/footprint.js';
import {
  EXAMPLE_ATTACHMENT_ID,
  EXAMPLE_UPLOAD_IDS,
  ROUTE_EXAMPLES as EXAMPLES,
  OPAQUE_CURSOR_KEYS,
  percentEncode,
  QUERY_EXAMPLES,
} from '../testing/route-examples.js';
import {
  type FieldPath,
  schemaKeys,
  stringFieldPaths,
  valueAt,
  withValueAt,
} from '../testing/route-fields.js';
import type { PersonName, TestApp } from '../testing/test-app.js';

// Opening a store (a new PGlite) and running the table take seconds on an idle machine, minutes on a loaded
// two-core one.
const SLOW_MACHINE_TIMEOUT_MS = 300_000;

/** An app over a seeded demo store, as the contract needs it. */
export type HostileTextSubject = TestApp;

/** Every C0 control character but tab, line feed and carriage return. */
export const FORBIDDEN_CONTROLS: readonly string[] = Array.from({ length: 0x20 }, (_, code) =>
  String.fromCharCode(code),
).filter((character) => !'\t\n\r'.includes(character));

/** Lone surrogates, high and low. */
export const LONE_SURROGATES: readonly string[] = ['\ud800', '\udbff', '\udc00', '\udfff'];

const HOSTILE_CHARACTERS = [...FORBIDDEN_CONTROLS, ...LONE_SURROGATES];

/** `text` with `hostile` after its first character, percent-encoded for a URL. */
function encodeWithHostile(text: string, hostile: string): string {
  return `${percentEncode(text.slice(0, 1))}${percentEncode(hostile)}${percentEncode(text.slice(1))}`;
}

function fillPath(
  path: string,
  params: Record<string, string>,
  encoded: Record<string, string> = {},
): string {
  return path.replace(/:([A-Za-z]+)/g, (_placeholder, name: string) => {
    const value = encoded[name] ?? params[name];
    if (value === undefined) throw new TypeError(`No example for path parameter "${name}" of ${path}`);
    return encoded[name] ?? encodeURIComponent(value);
  });
}

function describeCharacter(character: string): string {
  return `U+${character.charCodeAt(0).toString(16).padStart(4, '0').toUpperCase()}`;
}

interface Refusal {
  readonly status: number;
  readonly code: unknown;
  readonly paths: string[];
}

async function readRefusal(response: Response): Promise<Refusal> {
  const envelope = (await response.json().catch(() => null)) as {
    error?: { code?: unknown; details?: { issues?: { path: unknown[] }[] } };
  } | null;
  return {
    status: response.status,
    code: envelope?.error?.code,
    paths: (envelope?.error?.details?.issues ?? []).map((issue) => issue.path.join('.')),
  };
}

// A tus upload speaks the tus protocol, not JSON: its file name is checked by the upload handler
// (node/uploads/tus-uploads.int.test.ts), not through the route table's schemas.
const jsonRoutes = routeList.filter((route) => route.kind !== 'html' && route.kind !== 'tus');
const callerOf = (access: string): PersonName | undefined =>
  access === 'public' || access === 'dev' ? undefined : 'owner';

/**
 * The rule "input the database would refuse is a 400, never a 500", over one app and store: every string field
 * of every request body, every query parameter and every path parameter of the route table, fed each C0 control
 * but tab and line breaks and each kind of lone surrogate, is refused with `invalid_input` naming the field, and
 * nothing is written. The fields come from the route table's schemas, so a new one is covered without listing it.
 */
export function describeHostileTextRefusals(name: string, open: () => Promise<HostileTextSubject>): void {
  describe(name, () => {
    let subject: HostileTextSubject;

    beforeAll(async () => {
      subject = await open();
      await seedAttachment(subject, {
        id: EXAMPLE_ATTACHMENT_ID,
        sentIn: 'cnv_daniel_work_permit',
      });
      for (const id of Object.values(EXAMPLE_UPLOAD_IDS))
        await seedAttachment(subject, { id, uploader: 'owner' });
    }, SLOW_MACHINE_TIMEOUT_MS);

    it('has a valid example for every parameter and body field of the route table', async () => {
      for (const route of jsonRoutes) {
        const example = EXAMPLES[route.name];
        for (const key of schemaKeys(route.params)) expect(example?.params?.[key], route.name).toBeDefined();
        for (const key of schemaKeys(route.query)) expect(QUERY_EXAMPLES[key], route.name).toBeDefined();
        if (route.body === undefined) continue;
        const bodies = example?.bodies?.() ?? [];
        for (const path of stringFieldPaths(route.body)) {
          const covered = bodies.some((body) => typeof valueAt(body, path) === 'string');
          expect(covered, `${route.name} ${path.join('.')}`).toBe(true);
        }
      }
    });

    it('accepts the examples, so that each refusal below is caused by the character alone', async () => {
      for (const route of jsonRoutes) {
        const example = EXAMPLES[route.name];
        const path = fillPath(route.path, example?.params ?? {});
        const as = callerOf(route.access);
        for (const key of schemaKeys(route.query)) {
          if (OPAQUE_CURSOR_KEYS.has(key)) continue;
          const query = `?${key}=${encodeURIComponent(QUERY_EXAMPLES[key] ?? '')}`;
          const response = await subject.call(route.method, `${path}${query}`, { ...(as ? { as } : {}) });
          expect(response.status, `${route.name} ?${key}`).toBe(example?.status ?? route.status);
          await response.body?.cancel();
        }
        for (const body of example?.bodies?.() ?? [undefined]) {
          const response = await subject.call(route.method, path, {
            ...(as ? { as } : {}),
            ...(body === undefined ? {} : { body }),
          });
          expect(response.status, route.name).toBe(example?.status ?? route.status);
          await response.body?.cancel();
        }
      }
      // One request per route and query parameter, one after the other: seconds on a busy machine.
    }, 30_000);

    for (const route of jsonRoutes) {
      const example = EXAMPLES[route.name];
      const as = callerOf(route.access);
      const authorised = as ? { as } : {};

      for (const key of schemaKeys(route.params)) {
        it(`refuses every hostile character in the path parameter ${key} of ${route.name}`, async () => {
          const params = example?.params ?? {};
          const before = await storeFootprint(subject.store);
          const failures: string[] = [];
          for (const hostile of HOSTILE_CHARACTERS) {
            const path = fillPath(route.path, params, {
              [key]: encodeWithHostile(params[key] ?? 'x', hostile),
            });
            const body = example?.bodies?.()[0];
            const refusal = await readRefusal(
              await subject.call(route.method, path, {
                ...authorised,
                ...(body === undefined ? {} : { body }),
              }),
            );
            if (refusal.status !== 400 || refusal.code !== 'invalid_input' || !refusal.paths.includes(key))
              failures.push(`${describeCharacter(hostile)}: ${JSON.stringify(refusal)}`);
          }
          expect(failures).toEqual([]);
          expect(await storeFootprint(subject.store)).toEqual(before);
        });
      }

      for (const key of schemaKeys(route.query)) {
        it(`refuses every hostile character in the query parameter ${key} of ${route.name}`, async () => {
          const path = fillPath(route.path, example?.params ?? {});
          const failures: string[] = [];
          for (const hostile of HOSTILE_CHARACTERS) {
            const query = `?${key}=${encodeWithHostile(QUERY_EXAMPLES[key] ?? 'x', hostile)}`;
            const refusal = await readRefusal(
              await subject.call(route.method, `${path}${query}`, authorised),
            );
            if (refusal.status !== 400 || refusal.code !== 'invalid_input' || !refusal.paths.includes(key))
              failures.push(`${describeCharacter(hostile)}: ${JSON.stringify(refusal)}`);
          }
          expect(failures).toEqual([]);
        });
      }

      if (route.body === undefined) continue;
      const bodySchema = route.body;
      for (const fieldPath of stringFieldPaths(bodySchema)) {
        const field = fieldPath.join('.');
        it(`refuses every hostile character in the body field ${field} of ${route.name}`, async () => {
          const path = fillPath(route.path, example?.params ?? {});
          const before = await storeFootprint(subject.store);
          const failures: string[] = [];
          for (const hostile of HOSTILE_CHARACTERS) {
            const body = (example?.bodies?.() ?? []).find(
              (candidate) => typeof valueAt(candidate, fieldPath) === 'string',
            );
            const original = String(valueAt(body, fieldPath as FieldPath));
            const poisoned = withValueAt(
              body,
              fieldPath,
              `${original.slice(0, 1)}${hostile}${original.slice(1)}`,
            );
            const refusal = await readRefusal(
              await subject.call(route.method, path, { ...authorised, body: poisoned }),
            );
            if (refusal.status !== 400 || refusal.code !== 'invalid_input' || !refusal.paths.includes(field))
              failures.push(`${describeCharacter(hostile)}: ${JSON.stringify(refusal)}`);
          }
          expect(failures).toEqual([]);
          expect(await storeFootprint(subject.store)).toEqual(before);
        });
      }
    }
  });
}
