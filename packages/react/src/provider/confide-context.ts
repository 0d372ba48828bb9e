import type { ConfideClient } from '@confide/core';
import { createContext } from 'react';
import type { DateSettings } from '../lib/format.js';
import type { ConfideComponents } from './components.js';
import type { ConfideMessages } from './messages.js';

/** What the provider shares with every hook and component below it. */
export interface ConfideContextValue {
  readonly client: ConfideClient;
  readonly messages: ConfideMessages;
  readonly dates: DateSettings;
  readonly components: Partial<ConfideComponents>;
}

/** The provider's context; `null` outside a `ConfideProvider`. */
export const ConfideContext = createContext<ConfideContextValue | null>(null);
