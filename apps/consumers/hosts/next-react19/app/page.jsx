import { version } from 'react';
import { ConfideKit } from './confide-kit.jsx';

// Rendered on each request, so the server's address comes from the environment at run time, not at build time.
export const dynamic = 'force-dynamic';

export default function Page() {
  return (
    <main>
      <h1>Host app on React {version}</h1>
      <ConfideKit apiUrl={process.env.CONFIDE_API_URL} />
    </main>
  );
}
