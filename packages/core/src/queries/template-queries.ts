import type { TemplateId } from '@confide/protocol';
import type { Transport } from '../transport/transport.js';
import { DIRECTORY_STALE_TIME_MS, type QueryContext } from './query-defaults.js';
import { confideKeys } from './query-keys.js';

/** Query options for message templates (members only). */
export function templateQueries(transport: Transport) {
  return {
    /** Templates, optionally searched by name and subject. */
    list: (query = '') => ({
      queryKey: confideKeys.templateList(query),
      queryFn: ({ signal }: QueryContext) => transport.listTemplates(query ? { query } : {}, { signal }),
      staleTime: DIRECTORY_STALE_TIME_MS,
    }),
    /** One template. */
    detail: (id: TemplateId) => ({
      queryKey: confideKeys.template(id),
      queryFn: ({ signal }: QueryContext) => transport.getTemplate(id, { signal }),
      staleTime: DIRECTORY_STALE_TIME_MS,
    }),
  };
}
