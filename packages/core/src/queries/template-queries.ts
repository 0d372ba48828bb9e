import type { TemplateId } from '@confide/protocol';
import type { Transport } from '../transport/transport.js';
import { DIRECTORY_STALE_TIME_MS, type QueryContext, retryQuery } from './query-defaults.js';
import type { ConfideKeys } from './query-keys.js';

/** Query options for message templates (members only). */
export function templateQueries(transport: Transport, keys: ConfideKeys) {
  return {
    /** Templates, optionally searched by name and subject. */
    list: (query = '') => ({
      queryKey: keys.templateList(query),
      queryFn: ({ signal }: QueryContext) => transport.listTemplates(query ? { query } : {}, { signal }),
      staleTime: DIRECTORY_STALE_TIME_MS,
      retry: retryQuery,
    }),
    /** One template. */
    detail: (id: TemplateId) => ({
      queryKey: keys.template(id),
      queryFn: ({ signal }: QueryContext) => transport.getTemplate(id, { signal }),
      staleTime: DIRECTORY_STALE_TIME_MS,
      retry: retryQuery,
    }),
  };
}
