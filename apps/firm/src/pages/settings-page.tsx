import { NotificationSettingsForm, useViewer } from '@confide/react';

/** The firm's settings: whom to notify when a client starts a conversation. */
export function SettingsPage() {
  const { viewer } = useViewer();
  return (
    <div className="content-page">
      <h1>Settings</h1>
      <section className="card settings-card" aria-labelledby="notifications-heading">
        <h2 id="notifications-heading">Notifications</h2>
        <p className="muted">
          The people chosen here get an in-app notification and an e-mail when a client of{' '}
          {viewer?.role === 'member' ? viewer.firm.name : 'the firm'} starts a conversation in the portal.
        </p>
        <NotificationSettingsForm />
      </section>
    </div>
  );
}
