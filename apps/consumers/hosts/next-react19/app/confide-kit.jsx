'use client';

import { httpTransport } from '@confide/core';
import { ComposeSecureMessage, ConfideProvider, MessageIndex, ThreadView } from '@confide/react';
import { useState } from 'react';

// A host gets tokens from its own backend; the reference server in dev mode hands them out.
function devTokens(apiUrl, email) {
  let token;
  return () => {
    token ??= fetch(`${apiUrl}/v1/dev/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email }),
    })
      .then((response) => response.json())
      .then((json) => json.token);
    return token;
  };
}

/** The kit in a client component: server-rendered first, then hydrated in the browser. */
export function ConfideKit({ apiUrl }) {
  const [transport] = useState(() =>
    httpTransport({ baseUrl: apiUrl, getToken: devTokens(apiUrl, 'daniel.okafor@client.test') }),
  );
  const [openId, setOpenId] = useState(null);
  return (
    <ConfideProvider transport={transport}>
      <MessageIndex onOpen={setOpenId} />
      <section aria-label="Open conversation">
        {openId ? <ThreadView conversationId={openId} /> : <p>Choose a conversation.</p>}
      </section>
      <section aria-label="New conversation">
        <ComposeSecureMessage audience="client" onSent={setOpenId} />
      </section>
    </ConfideProvider>
  );
}
