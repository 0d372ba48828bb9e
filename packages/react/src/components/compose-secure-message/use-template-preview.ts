'use client';
import { type ContactId, renderTemplate, type Template } from '@confide/core';
import { useQuery } from '@tanstack/react-query';
import { useConfideClient } from '../../hooks/use-client.js';
import { useViewer } from '../../hooks/use-viewer.js';

/** A template's preview: `loading` while what fills its merge fields (the viewer, the client) is still loading. */
export type TemplatePreview =
  | { readonly status: 'loading' }
  | ({ readonly status: 'ready' } & Pick<Template, 'subject' | 'body'>);

/**
 * A template as inserting it for `contactId` would write it: its merge fields filled by the SDK's `renderTemplate`
 * (the rule insertion uses) from the viewer and the client, and unknown or empty fields left as typed
 * (`{{client.lastName}}`), as insertion leaves them for the composer to flag. Insertion waits for the viewer and the
 * client's details, so the preview does too (`loading`) rather than show fields inserting would fill. A list that
 * failed to load leaves the client's fields as typed. `undefined` without a template.
 */
export function useTemplatePreview(
  template: Template | undefined,
  contactId: ContactId | null,
): TemplatePreview | undefined {
  const client = useConfideClient();
  const { viewer, isMember, status } = useViewer();
  const needsContact = contactId !== null && isMember;
  // The recipient picker has usually loaded the contacts already: this reads the same cache entry.
  const contacts = useQuery(
    { ...client.queries.viewer.contacts(''), enabled: needsContact },
    client.queryClient,
  );
  if (!template) return undefined;
  if (status === 'pending' || (needsContact && contacts.status === 'pending')) return { status: 'loading' };
  const contact = needsContact
    ? contacts.data?.items.find((candidate) => candidate.id === contactId)
    : undefined;
  return {
    status: 'ready',
    ...renderTemplate(template, { viewer: viewer ?? null, contact: contact ?? null }),
  };
}
