/** A start takes 5–30 s on 2 busy cores; one that has not finished by then is stuck, not slow. */
export const START_DEADLINE_MS = 75_000;

interface Closable {
  close(): Promise<void>;
}

/**
 * Starts the stack, and once more if the first start is stuck past the deadline (seen once in
 * CI: a `beforeAll` that hung for its whole 180 s, cause not found). The stuck start is reported
 * loudly with the steps it had finished, so it is seen, not hidden; if it ever finishes, its stack
 * is closed. A stack on data folders is not started again (`retryable: false`): the stuck one may
 * still hold them, so it fails with the same report instead.
 */
export async function startWithOneRetry<T extends Closable>(
  start: (progress: string[]) => Promise<T>,
  options: { retryable: boolean; deadlineMs?: number; warn?: (line: string) => void },
): Promise<T> {
  const deadlineMs = options.deadlineMs ?? START_DEADLINE_MS;
  const progress: string[] = [];
  let timer: NodeJS.Timeout | undefined;
  const stuck = new Promise<'stuck'>((resolve) => {
    timer = setTimeout(() => resolve('stuck'), deadlineMs);
  });
  const first = start(progress);
  const outcome = await Promise.race([first, stuck]).finally(() => clearTimeout(timer));
  if (outcome !== 'stuck') return outcome;
  const finished = progress.length > 0 ? progress.join(', ') : 'nothing';
  const message = `e2e stack start stuck after ${deadlineMs / 1000} s (finished: ${finished})`;
  first.then((late) => late.close()).catch(() => {});
  if (!options.retryable) throw new Error(message);
  (options.warn ?? console.warn)(`FLAKY (stack start retried): ${message}; starting again`);
  return start([]);
}
