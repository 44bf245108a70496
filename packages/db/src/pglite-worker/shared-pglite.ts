import { type PgliteWorker, type PgliteWorkerClient, startPgliteWorker } from './pglite-worker-client.ts';

const clusters = new Map<string, { worker: Promise<PgliteWorker>; users: number }>();

/**
 * One PGlite worker per data folder in this process, shared by every subgraph that names a
 * schema in it: one WASM heap and one V8 isolate instead of one per subgraph. Each caller gets a
 * view bound to its schema; the worker closes when the last view is closed.
 */
export async function openSharedPglite(dataDir: string, schema: string): Promise<PgliteWorkerClient> {
  let cluster = clusters.get(dataDir);
  if (!cluster) {
    const opened = { worker: startPgliteWorker({ dataDir }), users: 0 };
    clusters.set(dataDir, opened);
    opened.worker.catch(() => clusters.delete(dataDir));
    cluster = opened;
  }
  cluster.users++;
  const current = cluster;
  let worker: PgliteWorker;
  try {
    worker = await current.worker;
  } catch (error) {
    current.users--;
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
      if (--current.users === 0 && clusters.get(dataDir) === current) {
        clusters.delete(dataDir);
        await worker.close();
      }
    },
  };
}
