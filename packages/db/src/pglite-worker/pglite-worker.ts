/**
 * Worker-thread side of the embedded database: one PGlite cluster (with pgvector and the type
 * parsers MikroORM installs on the PGlite it creates itself) serving queries posted by the main
 * thread. PGlite runs its WASM engine synchronously; here that work gets its own thread, so the
 * event loop that runs the router and the subgraphs does not stop for it.
 */
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { parentPort, workerData } from 'node:worker_threads';
import { openCluster } from './open-cluster.ts';
import { CLUSTER_EXTENSIONS_SQL, EXTENSIONS_SCHEMA, ownSchemaSql, quoteIdent, schemaRole } from './schema-role.ts';
import type { Transaction } from '@electric-sql/pglite';
import { serializeError, type WorkerOptions, type WorkerRequest, type WorkerResponse } from './pglite-worker-protocol.ts';

interface OpenTransaction {
  tx: Transaction;
  finish: (commit: boolean) => void;
  done: Promise<unknown>;
}

/**
 * One full garbage collection of this worker's heap. Opening a new cluster from the template
 * leaves ~100 MB of unpacked archive behind (the tar, its gunzipped bytes, each file's copy); an
 * idle worker allocates nothing more, so V8 would keep that garbage resident indefinitely.
 * `gc` is exposed the way Node's documentation of `v8.setFlagsFromString` shows, in a context of
 * its own, and only called here.
 */
function collectGarbage(): void {
  setFlagsFromString('--expose-gc');
  (runInNewContext('gc') as () => void)();
}

async function serve(): Promise<void> {
  const port = parentPort;
  if (!port) throw new Error('pglite-worker.ts must run in a worker thread');
  const options = workerData as WorkerOptions;
  const db = await openCluster(options.dataDir);
  collectGarbage();
  const transactions = new Map<number, OpenTransaction>();
  let nextTx = 1;

  // Subgraphs sharing the cluster each name their schema on every call. The session has one
  // search_path, so statements outside a transaction run one at a time, and a transaction holds
  // the turn from begin to commit: the search_path set for a call is the one it runs with.
  let queue: Promise<unknown> = Promise.resolve();
  const exclusive = <T>(work: () => Promise<T>): Promise<T> => {
    const run = queue.then(work);
    queue = run.catch(() => {});
    return run;
  };
  let searchPath: string | undefined;
  const owned = new Set<string>();
  const useSchema = async (schema: string | undefined) => {
    if (schema === undefined || schema === searchPath) return;
    if (!owned.has(schema)) {
      await db.exec(`reset role; ${owned.size === 0 ? CLUSTER_EXTENSIONS_SQL : ''} ${ownSchemaSql(schema)}`);
      owned.add(schema);
    }
    // the extensions' schema after the subgraph's own, so pgvector's operators resolve unqualified
    await db.exec(
      `set search_path to ${quoteIdent(schema)}, ${quoteIdent(EXTENSIONS_SCHEMA)}; set role ${quoteIdent(schemaRole(schema))}`,
    );
    searchPath = schema;
  };
  const outside = <T>(schema: string | undefined, work: () => Promise<T>) =>
    exclusive(async () => {
      await useSchema(schema);
      return work();
    });

  const target = (tx: number | undefined) => {
    if (tx === undefined) return db;
    const open = transactions.get(tx);
    if (!open) throw new Error(`transaction ${tx} is not open`);
    return open.tx;
  };

  async function handle(request: WorkerRequest): Promise<unknown> {
    switch (request.op) {
      case 'query': {
        const run = () => target(request.tx).query(request.sql, request.params, { rowMode: 'object' });
        const result = await (request.tx === undefined ? outside(request.schema, run) : run());
        return { rows: result.rows, affectedRows: result.affectedRows };
      }
      case 'exec': {
        const run = () => target(request.tx).exec(request.sql);
        const results = await (request.tx === undefined ? outside(request.schema, run) : run());
        return results.map((result) => ({ rows: result.rows, affectedRows: result.affectedRows }));
      }
      case 'begin':
        return begin(request.schema);
      case 'commit':
      case 'rollback': {
        const open = transactions.get(request.tx);
        if (!open) throw new Error(`transaction ${request.tx} is not open`);
        transactions.delete(request.tx);
        open.finish(request.op === 'commit');
        await open.done;
        return null;
      }
      case 'close':
        await db.close();
        return null;
    }
  }

  /** Opens a PGlite transaction that stays open until commit or rollback arrives. */
  function begin(schema: string | undefined): Promise<number> {
    const id = nextTx++;
    return new Promise<number>((started, failed) => {
      exclusive(async () => {
        await useSchema(schema);
        let committed = false;
        const entry: Partial<OpenTransaction> = {};
        entry.done = db
          .transaction(async (tx) => {
            const outcome = new Promise<boolean>((finish) => {
              entry.finish = finish;
            });
            entry.tx = tx;
            transactions.set(id, entry as OpenTransaction);
            started(id);
            committed = await outcome;
            if (!committed) await tx.rollback();
          })
          .catch((error: unknown) => {
            failed(error);
            throw error;
          });
        // commit/rollback await `done` and report its failure; this only waits for the turn to end
        await entry.done.catch(() => {});
        // a rolled-back transaction also undoes any search_path set inside it
        if (!committed) searchPath = undefined;
      }).catch(failed);
    });
  }

  port.on('message', (request: WorkerRequest) => {
    handle(request).then(
      (value) => port.postMessage({ id: request.id, ok: true, value } satisfies WorkerResponse),
      (error: unknown) => port.postMessage({ id: request.id, ok: false, error: serializeError(error) } satisfies WorkerResponse),
    );
  });
  port.postMessage({ id: 0, ok: true, value: 'ready' } satisfies WorkerResponse);
}

serve().catch((error: unknown) => {
  parentPort?.postMessage({ id: 0, ok: false, error: serializeError(error) } satisfies WorkerResponse);
});
