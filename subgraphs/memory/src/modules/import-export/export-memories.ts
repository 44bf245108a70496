import type { EntityManager, FilterQuery } from '@mikro-orm/core';
import { decodeCursor, encodeCursor, pageSize } from '@miyu/graphql/pagination';
import { errors } from '@miyu/platform/errors';
import { MemoryEntity, type MemoryRow } from '../memory/memory.entity.ts';
import type { MemoryConnection } from '../memory/memory-list.ts';
import { isUuid } from '../memory/memory.service.ts';

/** The largest export page. */
export const MAX_EXPORT_PAGE = 1000;

/**
 * Every memory of the person, superseded versions included (their history), oldest first, keyset
 * paged on (createdAt, id): a page boundary never skips or repeats a memory while others are added.
 */
export async function exportMemories(
  em: EntityManager,
  userId: string,
  args: { first?: number | null; after?: string | null },
): Promise<MemoryConnection> {
  const size = pageSize(args.first, 500, MAX_EXPORT_PAGE);
  const cursor = args.after ? decodeCursor(args.after) : null;
  if (cursor && !isUuid(cursor.id)) throw errors.badInput('Invalid cursor.');
  const where: FilterQuery<MemoryRow> = cursor
    ? {
        userId,
        $or: [{ createdAt: { $gt: cursor.createdAt } }, { createdAt: cursor.createdAt, id: { $gt: cursor.id } }],
      }
    : { userId };
  const [rows, totalCount] = await Promise.all([
    em.find(MemoryEntity, where, { orderBy: [{ createdAt: 'asc' }, { id: 'asc' }], limit: size + 1 }),
    em.count(MemoryEntity, { userId }),
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
