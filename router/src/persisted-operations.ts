import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { Principal } from '@miyu/auth/principal';
import { PublicError } from '@miyu/platform/errors';

/** `off`: no ids, documents only. `allow`: ids and documents. `safelist`: callers without an API key send manifest ids only. */
export type PersistedOperationsMode = 'off' | 'allow' | 'safelist';

/** What a GraphQL request carries that names its document, over any protocol. */
export interface OperationSource {
  query?: unknown;
  documentId?: unknown;
  extensions?: unknown;
}

export interface Caller {
  principal: Principal;
  /** A request from the GraphiQL page (development only). */
  fromGraphiql: boolean;
  /** A service credential acting for the user (MIYU's own reply pipeline, a worker): its documents are its own. */
  viaService?: boolean;
}

export interface PersistedOperations {
  readonly mode: PersistedOperationsMode;
  /**
   * The document text to run, or undefined when the request names none (the caller's own error
   * then comes from the GraphQL server). Throws a PublicError for an unknown id, a hash that does
   * not match its document, or a free-form document refused by the safelist.
   */
  documentFor(source: OperationSource, caller: Caller): string | undefined;
}

const SHA256_HEX = /^[0-9a-f]{64}$/;
const REGISTERED_LIMIT = 5_000;

export function sha256Hex(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

/** The client preset's persisted-documents.json: `sha256:<hex>` -> document text, read at startup. */
export function readPersistedManifest(path: string): Map<string, string> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    throw new Error(`PERSISTED_OPERATIONS_MANIFEST: cannot read ${path} as JSON`, { cause: error });
  }
  const manifest = new Map<string, string>();
  for (const [id, text] of Object.entries(parsed as Record<string, unknown>)) {
    const hash = id.replace(/^sha256:/, '');
    if (!SHA256_HEX.test(hash) || typeof text !== 'string')
      throw new Error(`PERSISTED_OPERATIONS_MANIFEST: ${path} has an entry that is not "sha256:<hex>": "<document>"`);
    manifest.set(hash, text);
  }
  return manifest;
}

/** Free-form documents stay open to integrators (API keys), MIYU's own workers (also when acting for a user), and GraphiQL in development. */
function mayUseFreeForm(caller: Caller): boolean {
  return (
    caller.principal.kind === 'apiKey' || caller.principal.kind === 'service' || caller.viaService === true || caller.fromGraphiql
  );
}

function notFound(id: string): PublicError {
  return new PublicError(
    'PERSISTED_QUERY_NOT_FOUND',
    `No persisted operation has the id ${id}; send the document with its sha256Hash to register it.`,
  );
}

function notInSafelist(): PublicError {
  return new PublicError(
    'OPERATION_NOT_IN_SAFELIST',
    'This router runs only the operations of MIYU’s own clients for callers without an API key; send a persisted operation id, or call with an API key.',
  );
}

/**
 * Persisted operations: the manifest of the first-party clients' documents (by sha256 hash, as
 * `documentId` or Apollo's `extensions.persistedQuery`), and hashes registered at run time (the
 * automatic persisted queries protocol), kept in a bounded map per process.
 */
export function createPersistedOperations(mode: PersistedOperationsMode, manifest: Map<string, string>): PersistedOperations {
  const registered = new Map<string, string>();
  const register = (hash: string, text: string) => {
    registered.delete(hash);
    registered.set(hash, text);
    if (registered.size > REGISTERED_LIMIT) registered.delete(registered.keys().next().value as string);
  };
  return {
    mode,
    documentFor(source, caller) {
      const query = typeof source.query === 'string' && source.query !== '' ? source.query : undefined;
      const persistedQuery = (source.extensions as { persistedQuery?: unknown } | undefined)?.persistedQuery;
      if (mode === 'off') {
        if (persistedQuery !== undefined || source.documentId !== undefined)
          throw new PublicError(
            'PERSISTED_QUERY_NOT_SUPPORTED',
            'This router does not accept persisted operations; send the document.',
          );
        return query;
      }
      const freeForm = mode === 'allow' || mayUseFreeForm(caller);
      if (source.documentId !== undefined) {
        if (typeof source.documentId !== 'string') throw new PublicError('BAD_USER_INPUT', 'documentId must be a string.');
        const text = manifest.get(source.documentId.replace(/^sha256:/, ''));
        if (text === undefined) throw notFound(source.documentId);
        return text;
      }
      if (persistedQuery !== undefined) {
        const { version, sha256Hash } = (persistedQuery ?? {}) as { version?: unknown; sha256Hash?: unknown };
        if (version !== 1)
          throw new PublicError('PERSISTED_QUERY_NOT_SUPPORTED', 'Only version 1 of extensions.persistedQuery is supported.');
        if (typeof sha256Hash !== 'string' || !SHA256_HEX.test(sha256Hash))
          throw new PublicError('BAD_USER_INPUT', 'extensions.persistedQuery.sha256Hash must be 64 lowercase hex digits.');
        if (query !== undefined && sha256Hex(query) !== sha256Hash)
          throw new PublicError('PERSISTED_QUERY_HASH_MISMATCH', 'The sha256Hash is not the SHA-256 of the query sent with it.');
        const known = manifest.get(sha256Hash) ?? (freeForm ? registered.get(sha256Hash) : undefined);
        if (known !== undefined) return known;
        if (query === undefined) throw notFound(sha256Hash);
        if (!freeForm) throw notInSafelist();
        register(sha256Hash, query);
        return query;
      }
      if (query === undefined || freeForm || manifest.has(sha256Hex(query))) return query;
      throw notInSafelist();
    },
  };
}
