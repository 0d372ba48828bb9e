'use client';
import { type ContactId, renderTemplate, type Template } from '@confide/core';
import { useQuery } from '@tanstack/react-query';
import { useConfideClient } from '../../hooks/use-client.js';
import { useViewer } from '../../hooks/use-viewer.js';

/**
 * A template as inserting it for `contactId` would write it: its merge fields filled by the SDK's `renderTemplate`
 * (the rule insertion uses) from the viewer and the client, and unknown or empty fields left as typed
 * (`{{client.lastName}}`), as insertion leaves them for the composer to flag. `undefined` without a template.
 */
export function useTemplatePreview(
  template: Template | undefined,
  contactId: ContactId | null,
): Pick<Template, 'subject' | 'body'> | undefined {
  const client = useConfideClient();
  const { viewer, isMember } = useViewer();
  // The recipient picker has usually loaded the contacts already: this reads the same cache entry.
  const contacts = useQuery(
    { ...client.queries.viewer.contacts(''), enabled: contactId !== null && isMember },
    client.queryClient,
  ).data?.items;
  if (!template) return undefined;
  const contact = contactId === null ? null : contacts?.find((candidate) => candidate.id === contactId);
  return renderTemplate(template, { viewer: viewer ?? null, contact: contact ?? null });
}
