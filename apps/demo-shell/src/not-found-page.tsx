import { Link } from './router.js';

/** Props of `NotFoundPage`. */
export interface NotFoundPageProps {
  /** Where the link home goes. @default '/messages' */
  readonly homeHref?: string;
  /** The link's text. @default 'Go to your messages' */
  readonly homeLabel?: string;
}

/** A path the app does not know: a heading that says so and a link home. */
export function NotFoundPage({
  homeHref = '/messages',
  homeLabel = 'Go to your messages',
}: NotFoundPageProps) {
  return (
    <div className="content-page">
      <h1>Page not found</h1>
      <p>
        <Link href={homeHref}>{homeLabel}</Link>
      </p>
    </div>
  );
}
