import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { REPO_ROOT } from './schema-files.ts';

export const BREAKING_CHANGES_PATH = 'schema/breaking-changes.json';
export const CONTRACT_ALLOWANCES_PATH = 'schema/contract-allowances.json';

interface Entry {
  reason: string;
}

/** Descriptions of the breaking API changes declared as intended (graphql-js wording). */
export function readDeclaredBreakingChanges(root = REPO_ROOT): string[] {
  return readEntries(root, BREAKING_CHANGES_PATH, 'description');
}

/** Contract items (`Type` or `Type.field`) the API schema may lack for now. */
export function readContractAllowances(root = REPO_ROOT): string[] {
  return readEntries(root, CONTRACT_ALLOWANCES_PATH, 'item');
}

// Every entry needs a non-empty reason: an undocumented exception is how contracts rot.
function readEntries<Key extends string>(root: string, path: string, key: Key): string[] {
  const parsed: unknown = JSON.parse(readFileSync(join(root, path), 'utf8'));
  if (!Array.isArray(parsed)) throw new Error(`${path} must be a JSON array of { ${key}, reason } entries`);
  return parsed.map((entry: unknown, index) => {
    const value = (entry as Record<string, unknown> | null)?.[key];
    const reason = (entry as Partial<Entry> | null)?.reason;
    if (typeof value !== 'string' || !value || typeof reason !== 'string' || !reason.trim()) {
      throw new Error(`${path}[${index}] must be { "${key}": string, "reason": non-empty string }`);
    }
    return value;
  });
}
