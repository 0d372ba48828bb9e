import '@confide/react/styles.css';

export const metadata = { title: 'Host app: Next.js and React 19' };

export default function RootLayout({ children }) {
  return (
    <html lang="en">
      <body>{children}</body>
    </html>
  );
}
