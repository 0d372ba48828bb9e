export { ConfideSession, type ConfideSessionProps, type SignInRetry } from './confide-session.js';
export { ConversationPane, type ConversationPaneProps } from './conversation-pane.js';
export { DemoApp, type DemoAppProps, mountDemoApp } from './demo-app.js';
export { createDevSession, type DevSession } from './dev-session.js';
export { Dialog, type DialogProps } from './dialog.js';
export { NotFoundPage, type NotFoundPageProps } from './not-found-page.js';
export { DEMO_CLIENTS, DEMO_FIRM_PEOPLE, type DemoPerson } from './people.js';
export {
  Link,
  type LinkProps,
  matchPath,
  type NavigateOptions,
  navigate,
  usePath,
  wantsFocus,
} from './router.js';
export { showPendingConversations } from './show-pending.js';
export { initials, SignInPage, type SignInPageProps } from './sign-in-page.js';
export { storedChoice } from './stored-choice.js';
