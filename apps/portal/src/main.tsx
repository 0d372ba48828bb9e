import '@confide/react/styles.css';
import '@confide/demo-shell/shell.css';
import './styles.css';
import { DEMO_CLIENTS, mountDemoApp } from '@confide/demo-shell';
import { API_URL } from './config.js';
import { PortalShell } from './portal-shell.js';

const SIGN_IN = {
  brand: (
    <p className="portal-mark" aria-hidden="true">
      ◆ Secure client portal
    </p>
  ),
  title: 'Welcome back',
  intro: 'This is a demo: choose one of the demo clients to sign in.',
  people: DEMO_CLIENTS,
};

const PORTAL_OVERRIDES = {
  COMPOSER_TITLE_CLIENT: 'Create New Conversation',
  COMPOSER_BODY_PLACEHOLDER: 'Write to your legal team…',
  INDEX_LABEL: 'Your conversations',
  INDEX_EMPTY: 'You have no conversations yet.',
};

// The client portal: the sign-in page, then the client's messages.
mountDemoApp({
  apiUrl: API_URL,
  home: '/messages',
  storageKey: 'portal.signed-in-as',
  signIn: SIGN_IN,
  overrides: PORTAL_OVERRIDES,
  signingIn: 'Opening your portal…',
  failed: {
    title: 'We could not open your portal',
    backLabel: 'Back to sign-in',
    describe: (error) =>
      error.code === 'portal_inactive'
        ? 'Your portal has not been activated yet. Please use the invitation your firm sent you.'
        : error.code === 'network'
          ? 'The portal cannot be reached right now.'
          : error.message,
  },
  children: (email, signInAs) => <PortalShell email={email} onSignOut={() => signInAs(null)} />,
});
