import { buildSchema, findBreakingChanges as graphqlBreakingChanges, findDangerousChanges, type GraphQLSchema } from 'graphql';
import { pruneContract } from './contract-prune.ts';

// Pure rules behind `schema:check`: they take SDL text and file contents, never touch the disk,
// so each failure kind is unit-tested with fixtures.

export interface Drift {
  path: string;
  /** missing: generated but not committed; outdated: contents differ; stale: committed but no longer generated. */
  problem: 'missing' | 'outdated' | 'stale';
}

/** Files whose committed text differs from what the code generates (keys are repo-relative paths). */
export function findDrift(committed: ReadonlyMap<string, string>, generated: ReadonlyMap<string, string>): Drift[] {
  const drift: Drift[] = [];
  for (const [path, text] of generated) {
    const current = committed.get(path);
    if (current === undefined) drift.push({ path, problem: 'missing' });
    else if (current !== text) drift.push({ path, problem: 'outdated' });
  }
  for (const path of committed.keys()) if (!generated.has(path)) drift.push({ path, problem: 'stale' });
  return drift.sort((a, b) => a.path.localeCompare(b.path));
}

export interface SchemaChange {
  type: string;
  description: string;
}

export interface BreakingChangeReport {
  /** Breaking changes nobody declared: these fail the check. */
  undeclared: SchemaChange[];
  /** Declarations matching no current change (already released, or mistyped): worth cleaning up. */
  unusedDeclarations: string[];
}

/** Breaking changes from the old API schema to the new one, minus those declared (matched by description). */
export function findBreakingChanges(oldApiSdl: string, newApiSdl: string, declared: readonly string[]): BreakingChangeReport {
  const changes = graphqlBreakingChanges(buildSdl('old API schema', oldApiSdl), buildSdl('new API schema', newApiSdl));
  const descriptions = new Set(changes.map((change) => change.description));
  const accepted = new Set(declared);
  return {
    undeclared: changes
      .filter((change) => !accepted.has(change.description))
      .map(({ type, description }) => ({ type, description })),
    unusedDeclarations: declared.filter((description) => !descriptions.has(description)),
  };
}

export interface ContractReport {
  /** Contract parts the API schema lacks or serves with an incompatible type or default. */
  violations: SchemaChange[];
  /** Allowed-missing items the API schema now has: the allowance can be removed. */
  unneededAllowances: string[];
}

/**
 * Every type, field, argument and enum value of the contract must exist in the API schema with a
 * compatible type: the API may add, never remove or retype. Allowed-missing items (`Type` or
 * `Type.field`) are cut from the contract first, with types that end up empty.
 */
export function findMissingContract(contractSdl: string, apiSdl: string, allowedMissing: readonly string[]): ContractReport {
  buildSdl('contract', contractSdl); // the full contract must be valid SDL, not only what is checked
  const contract = buildSdl('contract (after allowances)', pruneContract(contractSdl, allowedMissing));
  const api = buildSdl('API schema', apiSdl);
  // Changed or removed argument defaults are only "dangerous" for graphql-js, but clients rely on
  // the contract's defaults (page sizes, limits), so they count as violations too.
  const defaults = findDangerousChanges(contract, api).filter((change) => change.type === 'ARG_DEFAULT_VALUE_CHANGE');
  const violations = [...graphqlBreakingChanges(contract, api), ...defaults].map(({ type, description }) => ({
    type,
    description,
  }));
  return { violations, unneededAllowances: allowedMissing.filter((item) => hasItem(api, item)) };
}

function hasItem(schema: GraphQLSchema, item: string): boolean {
  const [typeName = '', fieldName] = item.split('.');
  const type = schema.getType(typeName);
  if (!type) return false;
  if (fieldName === undefined) return true;
  return 'getFields' in type && fieldName in type.getFields();
}

function buildSdl(label: string, sdl: string): GraphQLSchema {
  try {
    return buildSchema(sdl);
  } catch (error) {
    throw new Error(`${label} is not valid SDL: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
  }
}
