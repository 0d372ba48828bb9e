import type { ReactNode } from 'react';

/** A two-pane page as a host app might lay it out: a header, the index on one side, the detail on the other. */
export function PageLayout({
  title,
  actions,
  index,
  detail,
}: {
  readonly title: string;
  readonly actions: ReactNode;
  readonly index: ReactNode;
  readonly detail: ReactNode;
}) {
  return (
    <div style={{ display: 'grid', gridTemplateRows: 'auto 1fr', height: 'calc(100vh - 32px)', gap: 12 }}>
      <header style={{ display: 'flex', alignItems: 'center', justifyContent: 'space-between', gap: 12 }}>
        <h1 style={{ margin: 0, fontSize: '1.25rem', color: 'inherit' }}>{title}</h1>
        <div style={{ display: 'flex', gap: 8, alignItems: 'center' }}>{actions}</div>
      </header>
      <div style={{ display: 'grid', gridTemplateColumns: 'minmax(260px, 2fr) 3fr', gap: 16, minHeight: 0 }}>
        <nav aria-label="Conversations" style={{ display: 'flex', flexDirection: 'column', minHeight: 0 }}>
          {index}
        </nav>
        <main style={{ display: 'flex', flexDirection: 'column', minHeight: 0 }}>{detail}</main>
      </div>
    </div>
  );
}

/** What the detail pane shows when nothing is open yet. */
export function Placeholder({ children }: { readonly children: ReactNode }) {
  return <p style={{ margin: 'auto', color: 'inherit' }}>{children}</p>;
}
