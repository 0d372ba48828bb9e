// Storybook glue (never part of the published kit): every story gets its own mock server — the reference server
// over an in-memory demo store, behind MSW's service worker — and a client signed in as a demo person.
import { type ConfideClient, createConfideClient, httpTransport, type StorageAdapter } from '@confide/core';
import {
  createMockServer,
  DEMO_EMAILS,
  type DemoPerson,
  EMPTY_ACCOUNT,
  type MockServer,
  type MockServerOptions,
} from '@confide/mocks';
import { BROWSER_MOCK_BASE_URL, setupConfideWorker } from '@confide/mocks/browser';
import type { Decorator, Loader } from '@storybook/react-vite';
import { type CSSProperties, createContext, type ReactNode, useContext, useEffect } from 'react';
import { expect, type within } from 'storybook/test';
import { ConfideProvider } from '../provider/confide-provider.js';

/** Who a story signs in as: a demo person, or someone of the empty account. */
export type StoryPerson = DemoPerson | 'emptyOwner' | 'emptyClient';

/** `parameters.confide` of a story. */
export interface ConfideStoryParameters {
  /** @default 'ben' (an admin of Rivera & Cho) */
  readonly as?: StoryPerson;
  /** Options of the story's mock server (scenario, inactive portals). */
  readonly mock?: Omit<MockServerOptions, 'baseUrl'>;
  /** Adds data the story needs (a long thread, many conversations) and returns ids for `render`. */
  readonly setup?: (mock: MockServer) => Promise<StoryData>;
  /** Whether the device counts as online. @default true */
  readonly online?: boolean;
  /** Where the client keeps drafts and queued sends (a full one shows what the kit says then). @default memoryStorage() */
  readonly storage?: StorageAdapter;
}

/** `parameters` for a story: `parameters: confideParameters({ as: 'daniel' })`. */
export function confideParameters(parameters: ConfideStoryParameters) {
  return { confide: parameters };
}

/** What a story's `setup` returns, e.g. `{ conversationId }`. */
export type StoryData = Readonly<Record<string, string>>;

/** What the loader hands to the decorator and the story. */
export interface ConfideLoaded {
  readonly mock: MockServer;
  readonly client: ConfideClient;
  readonly data: StoryData;
}

const emailOf = (person: StoryPerson): string =>
  person === 'emptyOwner'
    ? EMPTY_ACCOUNT.ownerEmail
    : person === 'emptyClient'
      ? EMPTY_ACCOUNT.clientEmail
      : DEMO_EMAILS[person];

// The worker starts with a mock of its own; every story then swaps in a fresh one (see `confideLoader`).
const { worker } = setupConfideWorker();
let started: Promise<unknown> | undefined;
let storyCount = 0;
const live: ConfideLoaded[] = [];

function startWorker() {
  started ??= worker.start({ onUnhandledFrame: 'bypass', quiet: true });
  return started;
}

/**
 * Storybook loader: a fresh mock server and client for each story. A docs page shows several stories at once,
 * so each mock gets its own base URL and earlier ones keep working; a single story replaces everything before it.
 */
export const confideLoader: Loader = async ({ parameters, viewMode }) => {
  const options = (parameters.confide ?? {}) as ConfideStoryParameters;
  await startWorker();
  storyCount += 1;
  const mock = createMockServer({ ...options.mock, baseUrl: `${BROWSER_MOCK_BASE_URL}/story-${storyCount}` });
  const data = (await options.setup?.(mock)) ?? {};
  if (viewMode === 'docs') worker.use(...mock.handlers);
  else {
    for (const previous of live.splice(0)) previous.client.dispose();
    worker.resetHandlers(...mock.handlers);
  }
  const transport = httpTransport({
    baseUrl: mock.baseUrl,
    getToken: mock.getToken(emailOf(options.as ?? 'ben')),
    // Stories show each state at once: the transport's own retries would only delay an error state.
  });
  const client = createConfideClient({ transport, ...(options.storage ? { storage: options.storage } : {}) });
  if (options.online === false) client.setOnline(false);
  const loaded: ConfideLoaded = { mock, client, data };
  live.push(loaded);
  return { confide: loaded };
};

/** The story's mock server, client and setup data, from a play function's `loaded`. */
export function loadedOf(loaded: Record<string, unknown>): ConfideLoaded {
  const confide = loaded.confide as ConfideLoaded | undefined;
  if (!confide) throw new Error('The story was not loaded by the Confide loader');
  return confide;
}

/** The mock server of a story, from a play function's `loaded`. */
export function mockOf(loaded: Record<string, unknown>): MockServer {
  return loadedOf(loaded).mock;
}

const StoryDataContext = createContext<ConfideLoaded | null>(null);

/** The story's mock server, client and setup data (inside the Confide decorator). */
export function useConfideStory(): ConfideLoaded {
  const loaded = useContext(StoryDataContext);
  if (!loaded) throw new Error('useConfideStory needs the Confide decorator and loader');
  return loaded;
}

/** The host page around a story, matching the kit's theme so host text keeps its contrast too. */
const HOST_PAGE = {
  light: { background: '#ffffff', color: '#1f2328' },
  dark: { background: '#16181d', color: '#e6e8eb' },
} as const;
const RIGHT_TO_LEFT = /^(ar|he|fa|ur)\b/;

interface FrameProps {
  readonly theme: 'light' | 'dark';
  readonly locale: string;
  readonly fill: boolean;
  readonly children: ReactNode;
}

function Frame({ theme, locale, fill, children }: FrameProps) {
  return (
    <div
      data-theme={theme}
      lang={locale}
      dir={RIGHT_TO_LEFT.test(locale) ? 'rtl' : 'ltr'}
      style={{
        ...HOST_PAGE[theme],
        padding: 16,
        minHeight: fill ? '100vh' : 120,
        boxSizing: 'border-box',
      }}
    >
      {children}
    </div>
  );
}

function isKitStylesheet(sheet: CSSStyleSheet): boolean {
  try {
    return [...sheet.cssRules].some((rule) => rule instanceof CSSLayerBlockRule && rule.name === 'confide');
  } catch {
    // Cross-origin sheets cannot be read; they are not the kit's.
    return false;
  }
}

/** Unstyled mode is "do not import styles.css"; Storybook imports it once, so it switches the sheet off instead. */
function KitStylesheet({ enabled }: { readonly enabled: boolean }) {
  useEffect(() => {
    const sheets = [...document.styleSheets].filter(isKitStylesheet);
    for (const sheet of sheets) sheet.disabled = !enabled;
    return () => {
      for (const sheet of sheets) sheet.disabled = false;
    };
  }, [enabled]);
  return null;
}

/** Storybook decorator: the theme, locale and stylesheet globals and a `ConfideProvider` over the loader's client. */
export const withConfide: Decorator = (Story, context) => {
  const loaded = (context.loaded as { confide?: ConfideLoaded }).confide;
  const theme = context.globals.theme === 'dark' ? 'dark' : 'light';
  const locale = typeof context.globals.locale === 'string' ? context.globals.locale : 'en-GB';
  if (!loaded) return <Story />;
  return (
    <Frame theme={theme} locale={locale} fill={context.viewMode === 'story'}>
      <KitStylesheet enabled={context.globals.stylesheet !== 'none'} />
      <StoryDataContext.Provider value={loaded}>
        <ConfideProvider client={loaded.client} locale={locale} timeZone="UTC">
          <Story />
        </ConfideProvider>
      </StoryDataContext.Provider>
    </Frame>
  );
};

/** A decorator that shows the story inside a box of `style` (a width, a height), as a host's layout would. */
export function framed(style: CSSProperties): Decorator {
  return (Story) => (
    <div style={style}>
      <Story />
    </div>
  );
}

/** What a story's `play` queries the rendered story with. */
type Canvas = ReturnType<typeof within>;

/** The `Loading` story of a component: the first answer never arrives, and the kit says it is loading. */
export const loadingStory = {
  parameters: confideParameters({ mock: { scenario: { latencyMs: 600_000 } } }),
  play: async ({ canvas }: { readonly canvas: Canvas }) => {
    await expect(await canvas.findByRole('status', { name: 'Loading…' })).toBeInTheDocument();
  },
};

/** The `Empty` story of a component: the owner of the empty account sees `text`. */
export function emptyAccountStory(text: string) {
  return {
    parameters: confideParameters({ as: 'emptyOwner' }),
    play: async ({ canvas }: { readonly canvas: Canvas }) => {
      await expect(await canvas.findByText(text)).toBeInTheDocument();
    },
  };
}
