import '@confide/react/styles.css';
import { httpTransport } from '@confide/core';
import { ComposeSecureMessage, ConfideProvider, MessageIndex, ThreadView } from '@confide/react';
import { StrictMode, useState, version } from 'react';
import { createRoot } from 'react-dom/client';

// The page is opened as /?api=<server URL>; a real host would know its backend's address.
const apiUrl = new URLSearchParams(window.location.search).get('api');

// A host gets tokens from its own backend; the reference server in dev mode hands them out.
let token;
function getToken() {
  token ??= fetch(`${apiUrl}/v1/dev/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: 'daniel.okafor@client.test' }),
  })
    .then((response) => response.json())
    .then((json) => json.token);
  return token;
}

const transport = httpTransport({ baseUrl: apiUrl, getToken });

function App() {
  const [openId, setOpenId] = useState(null);
  return (
    <ConfideProvider transport={transport}>
      <main>
        <h1>Host app on React {version}</h1>
        <MessageIndex onOpen={setOpenId} />
        <section aria-label="Open conversation">
          {openId ? <ThreadView conversationId={openId} /> : <p>Choose a conversation.</p>}
        </section>
        <section aria-label="New conversation">
          <ComposeSecureMessage audience="client" onSent={setOpenId} />
        </section>
      </main>
    </ConfideProvider>
  );
}

createRoot(document.getElementById('root')).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
