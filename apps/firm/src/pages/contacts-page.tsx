import { Link } from '@confide/demo-shell';
import { useConfideClient } from '@confide/react';
import { useQuery } from '@tanstack/react-query';
import { assigneeNames, useMemberNames } from '../member-names.js';
import { PortalStatusBadge } from '../portal-status.js';

/** The firm's contacts with their portal status and assignees. */
export function ContactsPage() {
  const client = useConfideClient();
  const contacts = useQuery(client.queries.viewer.contacts(''), client.queryClient);
  const names = useMemberNames();
  return (
    <div className="content-page">
      <h1>Contacts</h1>
      <p className="muted">Clients can receive secure messages once their portal is active.</p>
      {contacts.status === 'pending' && (
        <p role="status" className="loading">
          Loading contacts…
        </p>
      )}
      {contacts.status === 'error' && (
        <div role="alert" className="card error-card">
          <p>The contacts could not be loaded.</p>
          <button type="button" className="button" onClick={() => void contacts.refetch()}>
            Try again
          </button>
        </div>
      )}
      {contacts.status === 'success' && (
        <table className="table">
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">E-mail</th>
              <th scope="col">Portal</th>
              <th scope="col">Assignees</th>
            </tr>
          </thead>
          <tbody>
            {contacts.data.items.map((contact) => (
              <tr key={contact.id}>
                <td>
                  <Link href={`/contacts/${contact.id}`}>{contact.name}</Link>
                </td>
                <td>{contact.email}</td>
                <td>
                  <PortalStatusBadge status={contact.portalStatus} />
                </td>
                <td>{assigneeNames(contact, names)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}
