import { Link } from '@confide/demo-shell';

/** A path the app does not know. */
export function NotFoundPage() {
  return (
    <div className="content-page">
      <h1>Page not found</h1>
      <p>
        <Link href="/messages">Go to your messages</Link>
      </p>
    </div>
  );
}
