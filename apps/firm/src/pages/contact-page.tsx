import type { ContactId } from '@confide/core';
import { Link } from '@confide/demo-shell';
import { useConfideClient, useConversations } from '@confide/react';
import { useQuery } from '@tanstack/react-query';
import { assigneeNames, useMemberNames } from '../member-names.js';
import { PORTAL_STATUS_EXPLANATIONS, PortalStatusBadge } from '../portal-status.js';

/** Props of `ContactPage`. */
export interface ContactPageProps {
  /** The contact, from the URL. */
  readonly contactId: string;
  /** Opens the compose dialog. */
  readonly onCompose: () => void;
}

/** One client: portal status, assignees, conversations, and a way to write to them. */
export function ContactPage({ contactId, onCompose }: ContactPageProps) {
  const client = useConfideClient();
  const contacts = useQuery(client.queries.viewer.contacts(''), client.queryClient);
  const names = useMemberNames();
  const { conversations } = useConversations();
  const contact = contacts.data?.items.find((item) => item.id === contactId);

  if (contacts.status === 'pending') {
    return (
      <p role="status" className="content-page loading">
        Loading contact…
      </p>
    );
  }
  if (!contact) {
    return (
      <div className="content-page">
        <h1>Contact not found</h1>
        <p>
          <Link href="/contacts">Back to contacts</Link>
        </p>
      </div>
    );
  }
  const writeToContact = () => {
    client.composer().setContact(contact.id as ContactId);
    onCompose();
  };
  const theirs = conversations.filter((conversation) => conversation.contact.id === contact.id);
  return (
    <div className="content-page">
      <p>
        <Link href="/contacts">← Contacts</Link>
      </p>
      <h1>{contact.name}</h1>
      <dl className="facts card">
        <dt>E-mail</dt>
        <dd>{contact.email}</dd>
        <dt>Client portal</dt>
        <dd>
          <PortalStatusBadge status={contact.portalStatus} />
          <p id="portal-status-reason" className="muted">
            {PORTAL_STATUS_EXPLANATIONS[contact.portalStatus]}
          </p>
        </dd>
        <dt>Assignees</dt>
        <dd>{assigneeNames(contact, names)}</dd>
      </dl>
      <button
        type="button"
        className="button button-primary"
        disabled={contact.portalStatus !== 'active'}
        aria-describedby="portal-status-reason"
        onClick={writeToContact}
      >
        Send a secure message
      </button>
      <h2>Conversations</h2>
      {theirs.length === 0 ? (
        <p className="muted">No conversations with {contact.firstName} yet.</p>
      ) : (
        <ul className="link-list">
          {theirs.map((conversation) => (
            <li key={conversation.id}>
              <Link href={`/messages/${conversation.id}`}>{conversation.subject}</Link>
              {conversation.unreadCount > 0 ? (
                <span className="count-badge">{conversation.unreadCount} unread</span>
              ) : null}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
