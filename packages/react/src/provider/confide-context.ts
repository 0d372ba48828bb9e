import type { ConfideClient } from '@confide/core';
import { createContext } from 'react';
import type { DateSettings } from '../lib/format.js';
import type { ConfideComponents } from './components.js';
import type { ConfideMessages } from './messages.js';

/** What the provider shares with every hook and component below it. */
export interface ConfideContextValue {
  /** The SDK client. */
  readonly client: ConfideClient;
  /** The strings, defaults merged with the provider's overrides. */
  readonly messages: ConfideMessages;
  /** Locale and time zone for dates. */
  readonly dates: DateSettings;
  /** The provider's slot replacements. */
  readonly components: Partial<ConfideComponents>;
}

/** The provider's context; `null` outside a `ConfideProvider`. */
export const ConfideContext = createContext<ConfideContextValue | null>(null);
