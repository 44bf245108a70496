import { errors } from '@miyu/platform/errors';
import type { SubgraphBuilder } from './builder.ts';

export interface PageInfo {
  hasNextPage: boolean;
  hasPreviousPage: boolean;
  startCursor: string | null;
  endCursor: string | null;
}

/** Cursors are opaque to clients: base64url of `<iso date>|<id>` (keyset pagination). */
export function encodeCursor(createdAt: Date, id: string): string {
  return Buffer.from(`${createdAt.toISOString()}|${id}`).toString('base64url');
}

export function decodeCursor(cursor: string): { createdAt: Date; id: string } {
  const [iso, id] = Buffer.from(cursor, 'base64url').toString('utf8').split('|');
  const createdAt = new Date(iso ?? '');
  if (!id || Number.isNaN(createdAt.getTime())) throw errors.badInput('Invalid cursor.');
  return { createdAt, id };
}

/** Clamps a client-supplied page size so a single query cannot ask for everything. */
export function pageSize(requested: number | null | undefined, fallback: number, max = 100): number {
  const size = requested ?? fallback;
  if (!Number.isInteger(size) || size < 1 || size > max) throw errors.badInput(`Page size must be between 1 and ${max}.`);
  return size;
}

/** PageInfo is defined in several subgraphs, so it is @shareable. */
export function definePageInfo<Context extends object>(builder: SubgraphBuilder<Context>) {
  return builder.objectRef<PageInfo>('PageInfo').implement({
    shareable: true,
    fields: (t) => ({
      hasNextPage: t.exposeBoolean('hasNextPage', { shareable: true }),
      hasPreviousPage: t.exposeBoolean('hasPreviousPage', { shareable: true }),
      startCursor: t.exposeString('startCursor', { nullable: true, shareable: true }),
      endCursor: t.exposeString('endCursor', { nullable: true, shareable: true }),
    }),
  });
}
