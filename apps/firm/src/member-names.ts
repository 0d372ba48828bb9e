import type { Contact, Member } from '@confide/core';
import { useConfideClient } from '@confide/react';
import { useQuery } from '@tanstack/react-query';

/** The firm's members by id, for showing assignees' names (from the SDK's cached members query). */
export function useMemberNames(): ReadonlyMap<string, string> {
  const client = useConfideClient();
  const members = useQuery(client.queries.viewer.members(), client.queryClient);
  return new Map((members.data?.items ?? []).map((member: Member) => [member.id, member.name]));
}

/** The assignees of a contact, as names. */
export function assigneeNames(contact: Contact, names: ReadonlyMap<string, string>): string {
  return contact.assigneeIds.map((id) => names.get(id) ?? 'Unknown member').join(', ') || 'Nobody';
}
