import type { PortalStatus } from '@confide/core';

const LABELS: Record<PortalStatus, string> = {
  active: 'Portal active',
  invited: 'Invited, not activated yet',
  inactive: 'No portal',
};

/** Explains what a portal status means for messaging. */
export const PORTAL_STATUS_EXPLANATIONS: Record<PortalStatus, string> = {
  active: 'This client can receive secure messages and reply in their portal.',
  invited:
    'This client was invited but has not activated their portal yet, so secure messages cannot be sent.',
  inactive: 'This client has no portal, so secure messages cannot be sent.',
};

/** A contact's portal status as a coloured badge. */
export function PortalStatusBadge({ status }: { readonly status: PortalStatus }) {
  return (
    <span className="status-badge" data-status={status}>
      {LABELS[status]}
    </span>
  );
}
