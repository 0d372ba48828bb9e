'use client';
import { type Contact, type ContactId, retargetText } from '@confide/core';
import { useRef } from 'react';
import type { UseComposerResult } from '../../hooks/use-composer.js';

/**
 * Picks the recipient of a new conversation; a draft filled in from a template for the previous client is filled in
 * again for the new one (their names replace the previous client's), so a client never receives another's details.
 * Remembers every client the recipient list has shown, since the list itself is narrowed by the search.
 */
export function useRetargetingSelect(composer: UseComposerResult): (contactId: ContactId) => void {
  const known = useRef(new Map<ContactId, Contact>()).current;
  const { recipients } = composer;
  for (const contact of recipients?.selectable ?? []) known.set(contact.id, contact);
  for (const { contact } of recipients?.unavailable ?? []) known.set(contact.id, contact);
  return (contactId) => {
    const { draft } = composer;
    const previous = draft.contactId ? known.get(draft.contactId) : undefined;
    if (draft.templateId && previous && previous.id !== contactId) {
      const next = known.get(contactId) ?? null;
      composer.setSubject(retargetText(draft.subject, previous, next));
      composer.setBody(retargetText(draft.body, previous, next));
    }
    composer.setContact(contactId);
  };
}
