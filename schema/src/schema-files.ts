import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createMemoryEventAdapters } from '@miyu/events/memory/create-memory-adapters';
import { composeSupergraph, SchemaCheckError, type SubgraphSdl } from './compose.ts';
import { printSubgraph } from './print-subgraph.ts';
import { type LoadDeps, loadDefinition, SUBGRAPHS, type SubgraphEntry } from './subgraphs.ts';

export const REPO_ROOT = fileURLToPath(new URL('../..', import.meta.url));
export const SUPERGRAPH_PATH = 'schema/supergraph.graphql';
export const API_PATH = 'schema/api.graphql';

export function subgraphSchemaPath(name: string): string {
  return `subgraphs/${name}/schema.graphql`;
}

/** Every generated path, in the order they are written and reported. */
export function generatedPaths(entries: readonly SubgraphEntry[] = SUBGRAPHS): string[] {
  return [...entries.map((entry) => subgraphSchemaPath(entry.name)), SUPERGRAPH_PATH, API_PATH];
}

/**
 * Builds every subgraph from code, prints its SDL and composes: repo-relative path → file text.
 * Throws a SchemaCheckError naming every subgraph that cannot be loaded, or every composition error.
 */
export async function generateSchemaFiles(entries: readonly SubgraphEntry[] = SUBGRAPHS): Promise<Map<string, string>> {
  const events = createMemoryEventAdapters();
  try {
    const sdls = await printAll(entries, { events });
    const composed = composeSupergraph(sdls);
    const files = new Map<string, string>();
    for (const subgraph of sdls) files.set(subgraphSchemaPath(subgraph.name), subgraph.sdl);
    files.set(SUPERGRAPH_PATH, composed.supergraphSdl);
    files.set(API_PATH, composed.apiSdl);
    return files;
  } finally {
    await events.close();
  }
}

async function printAll(entries: readonly SubgraphEntry[], deps: LoadDeps): Promise<SubgraphSdl[]> {
  const failures: string[] = [];
  const sdls: SubgraphSdl[] = [];
  // One at a time: each print boots its own in-memory PGlite. Failures are collected so one run
  // names every broken subgraph.
  for (const entry of entries) {
    try {
      const definition = await loadDefinition(entry, deps);
      try {
        sdls.push({ name: entry.name, url: entry.url, sdl: await printSubgraph(definition) });
      } catch (error) {
        failures.push(`cannot build the schema of subgraph "${entry.name}" (its setup failed): ${describe(error)}`);
      }
    } catch (error) {
      failures.push(describe(error));
    }
  }
  if (failures.length > 0) throw new SchemaCheckError('subgraphs could not be loaded', failures);
  return sdls;
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** The files as they are on disk now; absent ones are left out. */
export function readWorkingTree(paths: readonly string[], root = REPO_ROOT): Map<string, string> {
  const files = new Map<string, string>();
  for (const path of paths) {
    const absolute = join(root, path);
    if (existsSync(absolute)) files.set(path, readFileSync(absolute, 'utf8'));
  }
  return files;
}

/** The project's own copy of the client contract: a fresh clone builds and checks with nothing beside it. */
export const CONTRACT_PATH = 'schema/contract.graphql';

export function readContract(root = REPO_ROOT): string {
  return readFileSync(join(root, CONTRACT_PATH), 'utf8');
}

/**
 * Where the contract the copy was taken from lives when the team's `shared/` folder sits beside the
 * checkout (as on the developers' machines and in CI); a plain clone has none.
 */
export function upstreamContractPath(root = REPO_ROOT): string {
  return resolve(root, '..', 'shared', 'contract', 'api.graphql');
}

/** The upstream contract's text, or undefined when there is none beside the checkout. */
export function readUpstreamContract(path = upstreamContractPath()): string | undefined {
  return existsSync(path) ? readFileSync(path, 'utf8') : undefined;
}
