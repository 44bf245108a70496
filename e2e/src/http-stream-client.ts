/** Reads a multipart/mixed subscription response (Apollo's protocol) into its JSON parts. */
export async function readMultipart(response: Response): Promise<unknown[]> {
  const text = await response.text();
  return text
    .split(/\r\n--graphql(?:--)?/)
    .map((part) => part.split('\r\n\r\n')[1]?.trim())
    .filter((body): body is string => Boolean(body))
    .map((body) => JSON.parse(body));
}

/** Reads a text/event-stream subscription response into its `next` payloads. */
export async function readSse(response: Response): Promise<{ events: unknown[]; completed: boolean }> {
  const text = await response.text();
  const events: unknown[] = [];
  let completed = false;
  for (const block of text.split('\n\n')) {
    const event = /^event: (\w+)/m.exec(block)?.[1];
    const data = /^data: (.*)$/m.exec(block)?.[1];
    if (event === 'next' && data) events.push(JSON.parse(data));
    if (event === 'complete') completed = true;
  }
  return { events, completed };
}

export function subscribeOverHttp(url: string, accept: string, token: string, query: string, variables: Record<string, unknown>) {
  return fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept, authorization: `Bearer ${token}` },
    body: JSON.stringify({ query, variables }),
    signal: AbortSignal.timeout(30_000),
  });
}
