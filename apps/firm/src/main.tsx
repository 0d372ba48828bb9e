import '@confide/react/styles.css';
import '@confide/demo-shell/shell.css';
import './styles.css';
import { DEMO_FIRM_PEOPLE, mountDemoApp } from '@confide/demo-shell';
import { API_URL } from './config.js';
import { FirmShell } from './firm-shell.js';

const SIGN_IN = {
  brand: (
    <p className="brand brand-large" aria-hidden="true">
      <span className="brand-mark">CD</span> CaseDesk
    </p>
  ),
  title: 'Sign in to your practice',
  intro: 'This is a demo: choose a person of the demo firms.',
  people: DEMO_FIRM_PEOPLE,
  avatars: true,
};

// The firm app: the sign-in page, then the practice pages as the chosen person.
mountDemoApp({
  apiUrl: API_URL,
  home: '/messages',
  storageKey: 'casedesk.signed-in-as',
  signIn: SIGN_IN,
  signingIn: 'Signing in…',
  failed: {
    title: 'Signing in failed',
    backLabel: 'Choose someone else',
    describe: (error) => (error.code === 'network' ? 'The Confide server cannot be reached.' : error.message),
  },
  children: (email, signInAs) => <FirmShell email={email} onSwitch={signInAs} />,
});
