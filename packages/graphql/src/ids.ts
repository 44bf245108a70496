import { decodeCursor } from './pagination.ts';
import { errors } from '@miyu/platform/errors';

/** A canonical uuid in either case: the one pattern the subgraphs and the router check ids with. */
export const UUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Ids reach SQL only when well-formed: PostgreSQL rejects a malformed uuid with an error (a 500). */
export function isUuid(value: string): boolean {
  return UUID_PATTERN.test(value);
}

export type Keyset = { createdAt: Date; id: string };

/** Decodes a client cursor whose id is a row's uuid; anything else is BAD_USER_INPUT. */
export function decodeUuidCursor(cursor: string | null | undefined): Keyset | null {
  if (cursor === null || cursor === undefined) return null;
  const decoded = decodeCursor(cursor);
  if (!isUuid(decoded.id)) throw errors.badInput('Invalid cursor.');
  return decoded;
}
