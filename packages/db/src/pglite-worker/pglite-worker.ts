/**
 * Worker-thread side of the embedded database: one PGlite cluster (with pgvector and the type
 * parsers MikroORM installs on the PGlite it creates itself) serving queries posted by the main
 * thread. PGlite runs its WASM engine synchronously; here that work gets its own thread, so the
 * event loop that runs the router and the subgraphs does not stop for it.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { PGlite, type Transaction } from '@electric-sql/pglite';
import { vector } from '@electric-sql/pglite-pgvector';
import { createPostgreSqlTypeParsers } from '@mikro-orm/sql';
import array from 'postgres-array';
import { serializeError, type WorkerOptions, type WorkerRequest, type WorkerResponse } from './pglite-worker-protocol.ts';

interface OpenTransaction {
  tx: Transaction;
  finish: (commit: boolean) => void;
  done: Promise<unknown>;
}

async function serve(): Promise<void> {
  const port = parentPort;
  if (!port) throw new Error('pglite-worker.ts must run in a worker thread');
  const options = workerData as WorkerOptions;
  const db = await PGlite.create({
    ...(options.dataDir ? { dataDir: options.dataDir } : {}),
    parsers: createPostgreSqlTypeParsers((text: string) => array.parse(text)),
    extensions: { vector },
  });
  const transactions = new Map<number, OpenTransaction>();
  let nextTx = 1;

  const target = (tx: number | undefined) => {
    if (tx === undefined) return db;
    const open = transactions.get(tx);
    if (!open) throw new Error(`transaction ${tx} is not open`);
    return open.tx;
  };

  async function handle(request: WorkerRequest): Promise<unknown> {
    switch (request.op) {
      case 'query': {
        const result = await target(request.tx).query(request.sql, request.params, { rowMode: 'object' });
        return { rows: result.rows, affectedRows: result.affectedRows };
      }
      case 'exec':
        return (await target(request.tx).exec(request.sql)).map((result) => ({
          rows: result.rows,
          affectedRows: result.affectedRows,
        }));
      case 'begin':
        return begin();
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
  function begin(): Promise<number> {
    const id = nextTx++;
    return new Promise<number>((started, failed) => {
      const entry: Partial<OpenTransaction> = {};
      entry.done = db
        .transaction(async (tx) => {
          const outcome = new Promise<boolean>((finish) => {
            entry.finish = finish;
          });
          entry.tx = tx;
          transactions.set(id, entry as OpenTransaction);
          started(id);
          if (!(await outcome)) await tx.rollback();
        })
        .catch((error: unknown) => {
          failed(error);
          throw error;
        });
      // commit/rollback await `done` and report its failure; this only marks it handled
      entry.done.catch(() => {});
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
