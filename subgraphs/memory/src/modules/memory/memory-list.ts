import type { EntityManager, FilterQuery } from '@mikro-orm/core';
import { decodeCursor, encodeCursor, type PageInfo, pageSize } from '@miyu/graphql/pagination';
import { errors } from '@miyu/platform/errors';
import { MemoryEntity, type MemoryKind, type MemoryRow } from './memory.entity.ts';
import { isUuid } from './memory.service.ts';

export interface MemoryConnection {
  nodes: MemoryRow[];
  pageInfo: PageInfo;
  totalCount: number;
}

/** Newest first, keyset-paginated on (createdAt, id); totalCount counts the whole filtered set. */
export async function listMemories(
  em: EntityManager,
  userId: string,
  args: { first?: number | null; after?: string | null; kind?: MemoryKind | null },
): Promise<MemoryConnection> {
  const size = pageSize(args.first, 20);
  const filter: FilterQuery<MemoryRow> = args.kind ? { userId, kind: args.kind } : { userId };
  const cursor = args.after ? decodeCursor(args.after) : null;
  // a tampered cursor must not reach the uuid column as a malformed literal
  if (cursor && !isUuid(cursor.id)) throw errors.badInput('Invalid cursor.');
  const where: FilterQuery<MemoryRow> = cursor
    ? {
        $and: [
          filter,
          { $or: [{ createdAt: { $lt: cursor.createdAt } }, { createdAt: cursor.createdAt, id: { $lt: cursor.id } }] },
        ],
      }
    : filter;
  const [rows, totalCount] = await Promise.all([
    em.find(MemoryEntity, where, { orderBy: [{ createdAt: 'desc' }, { id: 'desc' }], limit: size + 1 }),
    em.count(MemoryEntity, filter),
  ]);
  const nodes = rows.slice(0, size);
  const first = nodes[0];
  const last = nodes.at(-1);
  return {
    nodes,
    totalCount,
    pageInfo: {
      hasNextPage: rows.length > size,
      hasPreviousPage: cursor !== null,
      startCursor: first ? encodeCursor(first.createdAt, first.id) : null,
      endCursor: last ? encodeCursor(last.createdAt, last.id) : null,
    },
  };
}
