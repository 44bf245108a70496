import type { IncomingMessage } from 'node:http';
import { PublicError } from '@miyu/platform/errors';

/** Reads a request body up to a limit; a larger one is refused before it is buffered. */
export async function readBody(req: IncomingMessage, maxBytes: number): Promise<string> {
  const declared = Number(req.headers['content-length'] ?? 0);
  if (declared > maxBytes) throw tooLarge(maxBytes);
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > maxBytes) throw tooLarge(maxBytes);
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString('utf8');
}

function tooLarge(maxBytes: number): PublicError {
  return new PublicError('MAX_BODY_SIZE_EXCEEDED', `Request body exceeds ${maxBytes} bytes, the limit.`, { limit: maxBytes });
}
