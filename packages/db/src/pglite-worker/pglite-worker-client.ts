import { Worker } from 'node:worker_threads';
import { deserializeError, type WorkerOptions, type WorkerRequest, type WorkerResponse } from './pglite-worker-protocol.ts';

/** Rows and count only: the field descriptions are not read by kysely or MikroORM, so they are not copied across. */
interface QueryResult {
  rows: unknown[];
  affectedRows?: number;
}

/** A request before it is numbered (Omit applied to each member of the union). */
type Call = WorkerRequest extends infer R ? (R extends WorkerRequest ? Omit<R, 'id'> : never) : never;

/** What kysely's PGlite dialect and MikroORM's PGlite connection call on a PGlite instance. */
export interface PgliteQueryable {
  query(sql: string, params?: unknown[], options?: unknown): Promise<QueryResult>;
  exec(sql: string): Promise<QueryResult[]>;
}

export interface PgliteWorkerClient extends PgliteQueryable {
  readonly ready: boolean;
  readonly closed: boolean;
  readonly waitReady: Promise<void>;
  transaction<T>(run: (tx: PgliteQueryable & { rollback(): Promise<void> }) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

export interface PgliteWorker extends PgliteWorkerClient {
  /**
   * The same cluster seen through one schema: every statement and transaction of the view runs
   * with `search_path` set to that schema alone (see pglite-worker.ts). Closing a view only stops
   * the view; the worker closes with `close()` on the worker itself.
   */
  forSchema(schema: string): PgliteWorkerClient;
}

const WORKER_URL = new URL('./pglite-worker.ts', import.meta.url);

/**
 * A PGlite instance in a worker thread, behind the part of PGlite's API that kysely and MikroORM
 * use (query, exec, transaction, close). Same engine, same data folder, same results; only the
 * WASM work leaves the main event loop. Resolves once the cluster is open (and initialised, the
 * first time a folder is used).
 */
export async function startPgliteWorker(options: WorkerOptions): Promise<PgliteWorker> {
  const worker = new Worker(WORKER_URL, { workerData: options });
  const pending = new Map<number, { resolve: (value: unknown) => void; reject: (error: Error) => void }>();
  let nextId = 1;
  let closed = false;
  let exitError: Error | undefined;

  const ready = new Promise<void>((resolve, reject) => {
    pending.set(0, { resolve: () => resolve(), reject });
  });
  worker.on('message', (response: WorkerResponse) => {
    const waiter = pending.get(response.id);
    if (!waiter) return;
    pending.delete(response.id);
    if (response.ok) waiter.resolve(response.value);
    else waiter.reject(deserializeError(response.error));
  });
  const failAll = (error: Error) => {
    exitError = error;
    for (const waiter of pending.values()) waiter.reject(error);
    pending.clear();
  };
  worker.on('error', failAll);
  worker.on('exit', (code) => failAll(new Error(`the PGlite worker exited (code ${code})`)));
  await ready;

  function call<T>(request: Call): Promise<T> {
    if (exitError) return Promise.reject(exitError);
    const id = nextId++;
    return new Promise<T>((resolve, reject) => {
      pending.set(id, { resolve: resolve as (value: unknown) => void, reject });
      worker.postMessage({ ...request, id });
    });
  }

  const queryable = (tx: number | undefined, schema: string | undefined): PgliteQueryable => ({
    query: (sql, params) => call<QueryResult>({ op: 'query', sql, params, tx, ...(schema ? { schema } : {}) }),
    exec: (sql) => call<QueryResult[]>({ op: 'exec', sql, tx, ...(schema ? { schema } : {}) }),
  });

  const transaction =
    (schema: string | undefined): PgliteWorkerClient['transaction'] =>
    async (run) => {
      const tx = await call<number>({ op: 'begin', ...(schema ? { schema } : {}) });
      let finished = false;
      const rollback = async () => {
        if (finished) return;
        finished = true;
        await call({ op: 'rollback', tx });
      };
      try {
        const result = await run({ ...queryable(tx, schema), rollback });
        if (!finished) {
          finished = true;
          await call({ op: 'commit', tx });
        }
        return result;
      } catch (error) {
        await rollback().catch(() => {});
        throw error;
      }
    };

  return {
    ...queryable(undefined, undefined),
    ready: true,
    waitReady: Promise.resolve(),
    get closed() {
      return closed;
    },
    transaction: transaction(undefined),
    forSchema(schema) {
      let viewClosed = false;
      const guard =
        <A extends unknown[], R>(run: (...args: A) => Promise<R>) =>
        (...args: A): Promise<R> =>
          viewClosed ? Promise.reject(new Error(`the PGlite view of schema ${schema} is closed`)) : run(...args);
      const view = queryable(undefined, schema);
      return {
        query: guard(view.query),
        exec: guard(view.exec),
        transaction: guard(transaction(schema)),
        ready: true,
        waitReady: Promise.resolve(),
        get closed() {
          return viewClosed || closed;
        },
        async close() {
          viewClosed = true;
        },
      };
    },
    async close() {
      if (closed) return;
      closed = true;
      try {
        await call({ op: 'close' });
      } finally {
        await worker.terminate();
      }
    },
  };
}
