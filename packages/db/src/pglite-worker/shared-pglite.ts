import { mkdirSync } from 'node:fs';
import { type PgliteWorker, type PgliteWorkerClient, startPgliteWorker } from './pglite-worker-client.ts';

interface SharedCluster {
  worker: Promise<PgliteWorker>;
  users: number;
}

const clusters = new Map<string, SharedCluster>();

/** The process's worker for `dataDir`, started on first use, with one more user counted. */
function acquire(dataDir: string): SharedCluster {
  let cluster = clusters.get(dataDir);
  if (!cluster) {
    mkdirSync(dataDir, { recursive: true });
    const opened: SharedCluster = { worker: startPgliteWorker({ dataDir }), users: 0 };
    clusters.set(dataDir, opened);
    opened.worker.catch(() => clusters.delete(dataDir));
    cluster = opened;
  }
  cluster.users++;
  return cluster;
}

/** One user fewer; the last one closes the worker. */
async function release(dataDir: string, cluster: SharedCluster): Promise<void> {
  if (--cluster.users > 0 || clusters.get(dataDir) !== cluster) return;
  clusters.delete(dataDir);
  const worker = await cluster.worker.catch(() => undefined);
  await worker?.close();
}

/**
 * One PGlite worker per data folder in this process, shared by every subgraph that names a
 * schema in it: one WASM heap and one V8 isolate instead of one per subgraph. Each caller gets a
 * view bound to its schema; the worker closes when the last view is closed.
 */
export async function openSharedPglite(dataDir: string, schema: string): Promise<PgliteWorkerClient> {
  const cluster = acquire(dataDir);
  let worker: PgliteWorker;
  try {
    worker = await cluster.worker;
  } catch (error) {
    cluster.users--;
    throw error;
  }
  const view = worker.forSchema(schema);
  let released = false;
  return {
    query: view.query,
    exec: view.exec,
    transaction: view.transaction,
    ready: true,
    waitReady: Promise.resolve(),
    get closed() {
      return view.closed;
    },
    async close() {
      if (released) return;
      released = true;
      await view.close();
      await release(dataDir, cluster);
    },
  };
}

/**
 * Starts the shared cluster's worker now, before any subgraph asks for it, and keeps it open
 * until the returned function is called. `npm start` calls it first thing, so the cluster opens
 * in its own thread while the main thread is still loading the code of the router and the
 * subgraphs (the two took turns before). A failure to open is left for the subgraphs to report.
 */
export function holdSharedPglite(dataDir: string): () => Promise<void> {
  const cluster = acquire(dataDir);
  cluster.worker.catch(() => {});
  let released = false;
  return async () => {
    if (released) return;
    released = true;
    await release(dataDir, cluster);
  };
}
