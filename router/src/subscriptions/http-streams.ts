import type { ServerResponse } from 'node:http';
import type { ExecutionResult } from 'graphql';

export type StreamProtocol = 'multipart' | 'sse';

/** Picks the streaming protocol a client asked for, or null when it asked for neither. */
export function streamProtocolFor(accept: string | undefined): StreamProtocol | null {
  const value = (accept ?? '').toLowerCase();
  if (value.includes('multipart/mixed') && value.includes('subscriptionspec')) return 'multipart';
  if (value.includes('text/event-stream')) return 'sse';
  return null;
}

const BOUNDARY = 'graphql';

/**
 * Writes a subscription's results as Apollo's multipart HTTP subscription protocol
 * (`{"payload": …}` parts, `{}` heartbeats) or as server-sent events (graphql-sse's
 * distinct-connections mode: `next` events, then `complete`).
 */
export async function writeSubscriptionStream(
  res: ServerResponse,
  protocol: StreamProtocol,
  results: AsyncIterableIterator<ExecutionResult>,
  options: { heartbeatMs: number; requestId: string },
): Promise<void> {
  const write = (chunk: string) => {
    if (!res.writableEnded) res.write(chunk);
  };
  if (protocol === 'multipart') {
    res.writeHead(200, {
      'content-type': `multipart/mixed;boundary="${BOUNDARY}";subscriptionSpec="1.0"`,
      'cache-control': 'no-cache',
      'x-request-id': options.requestId,
    });
  } else {
    res.writeHead(200, {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-cache',
      connection: 'keep-alive',
      'x-request-id': options.requestId,
    });
  }
  const part = (body: unknown) =>
    protocol === 'multipart'
      ? write(`\r\n--${BOUNDARY}\r\ncontent-type: application/json; charset=utf-8\r\n\r\n${JSON.stringify(body)}`)
      : write(`event: next\ndata: ${JSON.stringify(body)}\n\n`);
  const heartbeat = setInterval(() => (protocol === 'multipart' ? part({}) : write(':\n\n')), options.heartbeatMs);
  let clientGone = false;
  res.on('close', () => {
    clientGone = true;
    void results.return?.();
  });
  try {
    if (protocol === 'multipart') part({});
    for await (const result of results) {
      if (clientGone) break;
      part(protocol === 'multipart' ? { payload: result } : result);
    }
  } finally {
    clearInterval(heartbeat);
    if (!clientGone) {
      write(protocol === 'multipart' ? `\r\n--${BOUNDARY}--\r\n` : 'event: complete\ndata:\n\n');
      res.end();
    }
  }
}
