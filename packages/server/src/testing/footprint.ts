import type { Store } from '../store/store.js';

/**
 * What a refused request must not have changed in the demo firm (Rivera & Cho): messages of Daniel's
 * conversation, mail, audit entries, events, templates and Ana's unread notifications. Compare it before and after.
 */
export async function storeFootprint(store: Store) {
  return {
    messages: (
      await store.listMessages({ conversationId: 'cnv_daniel_work_permit', audience: 'firm', limit: 100 })
    ).length,
    mail: (await store.listMail({ limit: 100 })).length,
    audit: (await store.listAudit({ firmId: 'firm_rivera_cho', limit: 100 })).length,
    events: (await store.eventBounds()).latestSeq,
    templates: (await store.listTemplates('firm_rivera_cho')).length,
    unreadNotifications: await store.countUnreadNotifications('mem_ana'),
  };
}
