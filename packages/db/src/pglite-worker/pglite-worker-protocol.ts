/** Messages between the main thread and a PGlite worker (see pglite-worker-client.ts). */
export type WorkerRequest =
  | { id: number; op: 'query'; sql: string; params: unknown[] | undefined; tx: number | undefined; schema?: string }
  | { id: number; op: 'exec'; sql: string; tx: number | undefined; schema?: string }
  | { id: number; op: 'begin'; schema?: string }
  | { id: number; op: 'commit' | 'rollback'; tx: number }
  | { id: number; op: 'close' };

export type WorkerResponse = { id: number; ok: true; value: unknown } | { id: number; ok: false; error: SerializedError };

/** A PostgreSQL error as plain data: message plus the fields drivers map on (code, constraint…). */
export interface SerializedError {
  name: string;
  message: string;
  fields: Record<string, unknown>;
}

export interface WorkerOptions {
  /** Folder of the cluster; undefined = in-memory. */
  dataDir: string | undefined;
}

const ERROR_FIELDS = [
  'code',
  'severity',
  'detail',
  'hint',
  'position',
  'schema',
  'table',
  'column',
  'dataType',
  'constraint',
  'routine',
] as const;

export function serializeError(error: unknown): SerializedError {
  if (!(error instanceof Error)) return { name: 'Error', message: String(error), fields: {} };
  const source = error as unknown as Record<string, unknown>;
  const fields: Record<string, unknown> = {};
  for (const key of ERROR_FIELDS) if (source[key] !== undefined) fields[key] = source[key];
  return { name: error.name, message: error.message, fields };
}

export function deserializeError(error: SerializedError): Error {
  const revived = Object.assign(new Error(error.message), error.fields);
  revived.name = error.name;
  return revived;
}
