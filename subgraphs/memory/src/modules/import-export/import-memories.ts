import type { EntityManager } from '@mikro-orm/core';
import { errors } from '@miyu/platform/errors';
import type { z } from 'zod';
import { type Embedder, sharedSifEmbedder } from '../embedding/sif-embedder.ts';
import { rememberInput } from '../memory/memory.service.ts';
import { rememberMany } from '../memory/remember-many.ts';

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

/**
 * Stores up to MAX_IMPORT memories in one transaction. An item that is not valid is refused with
 * its index and the reason, and the others are stored; a longer list is refused whole. Any
 * other failure rolls the whole import back.
 */
export async function importMemories(
  em: EntityManager,
  userId: string,
  items: ReadonlyArray<unknown>,
  embedder: Embedder = sharedSifEmbedder(),
): Promise<ImportReport> {
  if (items.length > MAX_IMPORT) {
    throw errors.badInput(`importMemories takes at most ${MAX_IMPORT} memories per call (got ${items.length}).`, {
      max: MAX_IMPORT,
    });
  }
  const report: ImportReport = { imported: 0, merged: 0, refused: [] };
  const valid: Array<z.output<typeof rememberInput>> = [];
  items.forEach((item, index) => {
    const parsed = rememberInput.safeParse(item);
    if (parsed.success) valid.push(parsed.data);
    else report.refused.push({ index, reason: reasonOf(parsed.error.issues) });
  });
  if (valid.length === 0) return report;
  // set-based (a few statements for the whole list), all or nothing
  const isNew = await em.transactional((tx) => rememberMany(tx, userId, valid, embedder));
  for (const created of isNew) {
    if (created) report.imported++;
    else report.merged++;
  }
  return report;
}
