import type { Notifier } from '../events/notifier.js';
import type { Clock } from '../lib/clock.js';
import type { IdGenerator } from '../lib/ids.js';
import type { Store } from '../store/store.js';

/** What every domain operation works with; the HTTP layer builds one per request. */
export interface DomainContext {
  readonly store: Store;
  readonly notifier: Notifier;
  readonly clock: Clock;
  readonly createId: IdGenerator;
  /** Where clients read their messages; the only link client e-mails carry. */
  readonly portalUrl: string;
  /** Where members work; the link of member e-mails. */
  readonly firmAppUrl: string;
  /** The request's id, recorded in audit entries. */
  readonly requestId: string;
}
