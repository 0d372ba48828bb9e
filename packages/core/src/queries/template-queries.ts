import type { TemplateId } from '@confide/protocol';
import type { Transport } from '../transport/transport.js';
import { singleQuery } from './query-defaults.js';
import type { ConfideKeys } from './query-keys.js';

/** Query options for message templates (members only). */
export function templateQueries(transport: Transport, keys: ConfideKeys) {
  return {
    /** Templates, optionally searched by name. */
    list: (query = '') =>
      singleQuery(keys.templateList(query), (signal) =>
        transport.listTemplates(query ? { query } : {}, { signal }),
      ),
    /** One template. */
    detail: (id: TemplateId) =>
      singleQuery(keys.template(id), (signal) => transport.getTemplate(id, { signal })),
  };
}
