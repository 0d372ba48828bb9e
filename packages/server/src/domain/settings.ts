import type { ClientStartedThreadValue } from '../store/rows.js';
import type { StoreQueries } from '../store/store.js';
import { requireFirmAdmin } from './access.js';
import type { DomainContext } from './context.js';
import { DEFAULT_CLIENT_STARTED_THREAD } from './notification-recipients.js';
import type { ViewerIdentity } from './viewer.js';

/** The firm's notification settings, with the default when never set. */
export async function getNotificationSettings(store: StoreQueries, viewer: ViewerIdentity) {
  const row = await store.getNotificationSettings(viewer.firm.id);
  return { clientStartedThread: row?.clientStartedThread ?? DEFAULT_CLIENT_STARTED_THREAD };
}

/** Changes the firm's notification settings (owners and admins only) and audits the change. */
export async function updateNotificationSettings(
  context: DomainContext,
  viewer: ViewerIdentity,
  input: { readonly clientStartedThread: ClientStartedThreadValue },
) {
  requireFirmAdmin(viewer);
  return context.store.transaction(async (tx) => {
    const at = context.clock.now().toISOString();
    await tx.putNotificationSettings({
      firmId: viewer.firm.id,
      clientStartedThread: input.clientStartedThread,
      updatedAt: at,
    });
    await tx.appendAudit({
      id: context.createId('aud'),
      firmId: viewer.firm.id,
      actor: { kind: 'member', id: viewer.member.id },
      action: 'settings.updated',
      targetId: viewer.firm.id,
      requestId: context.requestId,
      at,
    });
    return { clientStartedThread: input.clientStartedThread };
  });
}
