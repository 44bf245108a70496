import type { EntityManager } from '@mikro-orm/core';
import { errors } from '@miyu/platform/errors';
import { remember, rememberInput } from '../memory/memory.service.ts';
import type { Embedder } from '../embedding/sif-embedder.ts';

/** The most memories one importMemories call takes. */
export const MAX_IMPORT = 1000;

export interface ImportRefusal {
  /** Position of the refused item in the input list, from 0. */
  index: number;
  reason: string;
}

export interface ImportReport {
  /** New memories stored. */
  imported: number;
  /** Items whose content was already remembered (ignoring case and spacing): that memory was refreshed. */
  merged: number;
  refused: ImportRefusal[];
}

const reasonOf = (issues: ReadonlyArray<{ path: PropertyKey[]; message: string }>) =>
  issues.map((issue) => `${issue.path.map(String).join('.') || 'item'} ${issue.message}`).join('; ');

// the upsert sets both times from one clock reading on insert; a merged row keeps its createdAt
const isNew = (row: { createdAt: Date; updatedAt: Date }) => row.createdAt.getTime() === row.updatedAt.getTime();

/**
 * Stores up to MAX_IMPORT memories in one transaction. An item that is not valid is refused with
 * its index and the reason, and the others are stored; a longer list is refused whole. Any
 * other failure rolls the whole import back.
 */
export async function importMemories(
  em: EntityManager,
  userId: string,
  items: ReadonlyArray<unknown>,
  embedder?: Embedder,
): Promise<ImportReport> {
  if (items.length > MAX_IMPORT) {
    throw errors.badInput(`importMemories takes at most ${MAX_IMPORT} memories per call (got ${items.length}).`, {
      max: MAX_IMPORT,
    });
  }
  const report: ImportReport = { imported: 0, merged: 0, refused: [] };
  const valid: Array<{ index: number; item: unknown }> = [];
  items.forEach((item, index) => {
    const parsed = rememberInput.safeParse(item);
    if (parsed.success) valid.push({ index, item });
    else report.refused.push({ index, reason: reasonOf(parsed.error.issues) });
  });
  if (valid.length === 0) return report;
  await em.transactional(async (tx) => {
    for (const { item } of valid) {
      const row = await remember(tx, userId, item, embedder);
      if (isNew(row)) report.imported++;
      else report.merged++;
    }
  });
  return report;
}
