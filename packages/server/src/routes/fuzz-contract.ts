import {
  ErrorEnvelopeSchema,
  REQUEST_BODY_MAX_BYTES,
  type RouteDefinition,
  type RouteName,
  routeList,
} from '@confide/protocol';
import fc from 'fast-check';
import type { Hono } from 'hono';
import { beforeAll, describe, expect, it } from 'vitest';
import { signToken } from '../auth/sign-token.js';
import { DEMO_IDS } from '../seed/demo-data.js';
import { percentEncode, ROUTE_EXAMPLES } from '../testing/route-examples.js';
import { type FieldPath, schemaKeys, stringFieldPaths, withValueAt } from '../testing/route-fields.js';
import { PEOPLE, type PersonName, TEST_SECRET, TEST_START } from '../testing/test-app.js';
import type { AppEnv } from './register-routes.js';

// Opening a store (a new PGlite) and running the table take seconds on an idle machine, minutes on a loaded
// two-core one.
const SLOW_MACHINE_TIMEOUT_MS = 300_000;

/** An app to fuzz; it is changed by the requests (templates deleted, messages sent), which is the point. */
export interface FuzzSubject {
  readonly app: Hono<AppEnv>;
}

/** What the fuzzer sends: everything a caller controls. */
interface FuzzRequest {
  readonly route: string;
  readonly method: string;
  readonly path: string;
  readonly headers: Record<string, string>;
  readonly body: string | Uint8Array | undefined;
}

// Characters that have broken servers: controls, lone surrogates, bidi and zero-width format characters, path and
// query syntax, quotes, a BOM, non-characters, emoji sequences and combining marks.
const HOSTILE_CHARACTERS = [
  '\u0000',
  '\u0001',
  '\u0008',
  '\u000b',
  '\u001b',
  '\u001f',
  '\u007f',
  '\u0085',
  '\t',
  '\n',
  '\r',
  '\ud800',
  '\udbff',
  '\udc00',
  '\udfff',
  '\ufeff',
  '\ufffe',
  '\uffff',
  '\u200b',
  '\u200d',
  '\u202e',
  '\u2066',
  '\u2069',
  '\u2028',
  '\u3164',
  '\u2800',
  '%',
  '%00',
  '%ZZ',
  '%ED%A0%80',
  '/',
  '\\',
  '..',
  '?',
  '#',
  '&',
  '=',
  '+',
  ';',
  '"',
  "'",
  '<',
  '>',
  '{{client.name}}',
  '👨‍👩‍👧‍👦',
  '🇫🇷',
  'e\u0301',
  '\u0301',
  'ש',
  '%F0%9F',
];

const hostileUnit = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(...HOSTILE_CHARACTERS) },
  { weight: 2, arbitrary: fc.integer({ min: 0, max: 0xffff }).map((code) => String.fromCharCode(code)) },
  { weight: 2, arbitrary: fc.string({ unit: 'binary', maxLength: 3 }) },
  { weight: 3, arbitrary: fc.constantFrom('a', 'Z', '0', '_', '-', ' ', '.') },
);
const hostileString = fc.oneof(
  { weight: 6, arbitrary: fc.array(hostileUnit, { maxLength: 24 }).map((units) => units.join('')) },
  {
    weight: 1,
    arbitrary: fc.constantFrom(
      'a'.repeat(20_001),
      '👍'.repeat(20_001),
      '\u0301'.repeat(5_000),
      `${'\u200b'.repeat(3_000)}x`,
      'x'.repeat(600),
    ),
  },
);

/** The ids of the demo dataset, of both firms, plus ones that exist nowhere. */
const KNOWN_IDS = [
  'cnv_daniel_work_permit',
  'cnv_elena_residence',
  'cnv_hiro_contract',
  'msg_daniel_1',
  'msg_hiro_2',
  'tpl_document_request',
  'tpl_appointment_reminder',
  'tpl_case_status_update',
  'con_daniel',
  'con_farid',
  'con_hiro',
  'ntf_missing',
  'cnv_missing',
];
const idLike = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(...KNOWN_IDS) },
  { weight: 1, arbitrary: hostileString },
);

/** A URL part as sent: percent-encoded, or raw (the URL parser then encodes what it must). */
const urlPart = (value: fc.Arbitrary<string>) =>
  fc
    .tuple(value, fc.boolean())
    .map(([text, raw]) => (raw ? text.replace(/[\ud800-\udfff]/g, '%ED%A0%80') : percentEncode(text)));

function queryArbitrary(route: RouteDefinition) {
  const keys = [...schemaKeys(route.query), 'query', 'limit', 'debug', '__proto__', 'constructor'];
  const value = fc.oneof(
    hostileString,
    fc.constantFrom('1', '5', '100', '101', '0', '-1', 'true', 'false', 'abc'),
  );
  const pairs = fc
    .array(
      fc.tuple(
        fc.oneof({ weight: 4, arbitrary: fc.constantFrom(...keys) }, { weight: 1, arbitrary: hostileString }),
        urlPart(value),
      ),
      { maxLength: 4 },
    )
    .map((drawn) => drawn.map(([key, encoded]) => `${percentEncode(key)}=${encoded}`).join('&'));
  return fc.oneof({ weight: 3, arbitrary: fc.constant('') }, { weight: 2, arbitrary: pairs });
}

function pathArbitrary(route: RouteDefinition) {
  const names = [...route.path.matchAll(/:([A-Za-z]+)/g)].map((match) => match[1] ?? '');
  return fc.tuple(...names.map(() => urlPart(idLike))).map((values) => {
    let index = 0;
    return route.path.replace(/:([A-Za-z]+)/g, () => values[index++] ?? '');
  });
}

/** Any JSON value, with hostile strings for keys and text. */
const hostileJson = fc.letrec((tie) => ({
  value: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    hostileString,
    fc.integer(),
    fc.double(),
    fc.boolean(),
    fc.constant(null),
    fc.array(tie('value'), { maxLength: 4 }),
    fc.dictionary(hostileString, tie('value'), { maxKeys: 4 }),
  ),
})).value;

/** A valid body of the route (from the demo examples), as is or with one field (or a new key) replaced. */
function mutatedBody(route: RouteDefinition & { readonly name: RouteName }) {
  if (route.body === undefined) return fc.constant(undefined);
  const bodies = ROUTE_EXAMPLES[route.name]?.bodies?.() ?? [{}];
  const paths = stringFieldPaths(route.body);
  return fc.oneof(
    { weight: 2, arbitrary: fc.constantFrom(...bodies) },
    {
      weight: 3,
      arbitrary: fc
        .tuple(
          fc.constantFrom(...bodies),
          fc.constantFrom<FieldPath>(...paths, ['unexpected'], ['internal'], []),
          fc.oneof(hostileString, hostileJson),
        )
        .map(([body, path, value]) => withValueAt(body, path, value)),
    },
  );
}

function bodyArbitrary(
  route: RouteDefinition & { readonly name: RouteName },
): fc.Arbitrary<string | Uint8Array | undefined> {
  return fc.oneof(
    {
      weight: 4,
      arbitrary: mutatedBody(route).map((value) => (value === undefined ? undefined : JSON.stringify(value))),
    },
    { weight: 2, arbitrary: hostileJson.map((value) => JSON.stringify(value)) },
    { weight: 1, arbitrary: hostileString },
    { weight: 1, arbitrary: fc.uint8Array({ maxLength: 64 }) },
    {
      weight: 1,
      arbitrary: fc.constantFrom(
        undefined,
        '',
        '{',
        '{"body": "\\ud800", "idempotencyKey": "key_000001"}',
        '{"body": "\\u0000", "idempotencyKey": "key_000001"}',
        '[]',
        'null',
        `${'['.repeat(5_000)}${']'.repeat(5_000)}`,
        `{"body": "${'x'.repeat(REQUEST_BODY_MAX_BYTES)}"}`,
        new Uint8Array([0x7b, 0x22, 0xed, 0xa0, 0x80, 0x22, 0x7d]),
        new Uint8Array([0xef, 0xbb, 0xbf, 0x7b, 0x7d]),
      ),
    },
  );
}

/** Header values a `Headers` object accepts (Latin-1, no NUL, CR or LF), hostile otherwise. */
const headerValue = fc
  .oneof(
    hostileString,
    fc.string({ unit: fc.integer({ min: 1, max: 0xff }).map((code) => String.fromCharCode(code)) }),
  )
  .map((text) =>
    [...text]
      .filter((character) => character.charCodeAt(0) <= 0xff && !'\0\r\n'.includes(character))
      .join('')
      .trim(),
  );

async function callerTokens(): Promise<Record<string, string | undefined>> {
  const now = TEST_START;
  const tokens: Record<string, string | undefined> = { anonymous: undefined, garbage: 'not.a.token' };
  for (const person of Object.keys(PEOPLE) as PersonName[]) {
    tokens[person] = await signToken(PEOPLE[person], { secret: TEST_SECRET, now });
  }
  tokens.expired = await signToken(PEOPLE.owner, { secret: TEST_SECRET, now, expiresInSeconds: -60 });
  tokens.wrongSecret = await signToken(PEOPLE.owner, { secret: `${TEST_SECRET}-other`, now });
  tokens.unknownPerson = await signToken(
    { sub: 'mem_nobody', role: 'member', firm: DEMO_IDS.riveraCho },
    { secret: TEST_SECRET, now },
  );
  tokens.roleMismatch = await signToken(
    { sub: DEMO_IDS.daniel, role: 'member', firm: DEMO_IDS.riveraCho },
    { secret: TEST_SECRET, now },
  );
  tokens.wrongFirm = await signToken(
    { sub: DEMO_IDS.ana, role: 'member', firm: DEMO_IDS.northgate },
    { secret: TEST_SECRET, now },
  );
  return tokens;
}

/** A header the fuzzer sets now and then (one request in seven), else leaves to the caller. */
const sometimes = <Value>(arbitrary: fc.Arbitrary<Value>) =>
  fc.oneof({ weight: 6, arbitrary: fc.constant(null) }, { weight: 1, arbitrary });

function requestArbitrary(tokens: Record<string, string | undefined>): fc.Arbitrary<FuzzRequest> {
  const methods = ['GET', 'POST', 'PUT', 'DELETE', 'PATCH'];
  return fc.constantFrom(...routeList).chain((route) =>
    fc
      .record({
        method: fc.oneof(
          { weight: 5, arbitrary: fc.constant(route.method) },
          { weight: 1, arbitrary: fc.constantFrom(...methods) },
        ),
        path: pathArbitrary(route),
        query: queryArbitrary(route),
        caller: fc.oneof(
          { weight: 3, arbitrary: fc.constantFrom(...(Object.keys(PEOPLE) as PersonName[])) },
          { weight: 1, arbitrary: fc.constantFrom(...Object.keys(tokens)) },
        ),
        authorization: sometimes(headerValue),
        contentType: fc.oneof(
          { weight: 4, arbitrary: fc.constant('application/json') },
          { weight: 1, arbitrary: fc.constant(null) },
          {
            weight: 1,
            arbitrary: fc.oneof(
              fc.constantFrom('text/plain', 'application/json; charset=latin1'),
              headerValue,
            ),
          },
        ),
        contentLength: sometimes(
          fc.oneof(fc.constantFrom('0', '1', '-1', '99999999999', 'abc'), headerValue),
        ),
        lastEventId: sometimes(
          fc.oneof(fc.constantFrom('0', '1', '99999999999999999999', '-1'), headerValue),
        ),
        requestId: sometimes(headerValue),
        origin: sometimes(headerValue),
        body: bodyArbitrary(route),
      })
      .map((drawn): FuzzRequest => {
        const headers: Record<string, string> = {};
        const token = tokens[drawn.caller];
        if (drawn.authorization !== null) headers.authorization = drawn.authorization;
        else if (token !== undefined) headers.authorization = `Bearer ${token}`;
        if (drawn.contentType !== null) headers['content-type'] = drawn.contentType;
        if (drawn.contentLength !== null) headers['content-length'] = drawn.contentLength;
        if (drawn.lastEventId !== null) headers['last-event-id'] = drawn.lastEventId;
        if (drawn.requestId !== null) headers['x-request-id'] = drawn.requestId;
        if (drawn.origin !== null) headers.origin = drawn.origin;
        const withBody = drawn.method !== 'GET' && drawn.method !== 'DELETE';
        return {
          route: route.name,
          method: drawn.method,
          path: `${drawn.path}${drawn.query === '' ? '' : `?${drawn.query}`}`,
          headers,
          body: withBody ? drawn.body : undefined,
        };
      }),
  );
}

/** The run's seed: `CONFIDE_FUZZ_SEED` to replay one, a new one otherwise (fast-check prints it on failure). */
function fuzzSeed(): number {
  const given = process.env.CONFIDE_FUZZ_SEED;
  return given ? Number(given) : Math.floor(Math.random() * 2 ** 31);
}

async function send(app: Hono<AppEnv>, request: FuzzRequest): Promise<Response> {
  let url: string;
  try {
    url = new URL(request.path, 'http://confide.test').href;
  } catch {
    url = 'http://confide.test/';
  }
  const init: RequestInit = { method: request.method, headers: new Headers() };
  for (const [name, value] of Object.entries(request.headers)) {
    try {
      (init.headers as Headers).set(name, value);
    } catch {
      // A value `Headers` refuses never leaves a real client either.
    }
  }
  if (request.body !== undefined) init.body = request.body as BodyInit;
  return app.fetch(new Request(url, init));
}

/**
 * Fuzzes every route of the route table, for every kind of caller (each demo person, anonymous, expired, forged,
 * unknown, of another firm), with random and hostile paths, queries, headers and bodies: no request may get a
 * 5xx, and every 4xx carries the protocol's error envelope. The seed is printed on failure; set
 * `CONFIDE_FUZZ_SEED` (and the printed `path` through fast-check if wanted) to replay it.
 */
export function describeRouteFuzz(name: string, open: () => Promise<FuzzSubject>, runs: number): void {
  describe(name, () => {
    let subject: FuzzSubject;
    let tokens: Record<string, string | undefined>;

    beforeAll(async () => {
      subject = await open();
      tokens = await callerTokens();
    }, SLOW_MACHINE_TIMEOUT_MS);

    it(
      `answers ${runs} random and hostile requests across every route without a 5xx`,
      async () => {
        const seed = fuzzSeed();
        await fc.assert(
          fc.asyncProperty(requestArbitrary(tokens), async (request) => {
            const response = await send(subject.app, request);
            const status = response.status;
            // An event stream that was let in never ends: its status is the answer, the stream is closed.
            const isStream = response.headers.get('content-type')?.includes('text/event-stream') === true;
            if (isStream) await response.body?.cancel();
            const text = isStream ? '' : await response.text();
            expect(status, `${request.method} ${request.path} (${request.route})`).toBeLessThan(500);
            if (status >= 400) {
              expect(ErrorEnvelopeSchema.safeParse(JSON.parse(text)).success, text).toBe(true);
            }
          }),
          { seed, numRuns: runs },
        );
      },
      SLOW_MACHINE_TIMEOUT_MS,
    );
  });
}
