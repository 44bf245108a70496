/**
 * Polls `read` until `check` passes or the deadline passes, and returns the last value read, so
 * the caller's assertion on it shows what was there when waiting stopped.
 */
export async function until<T>(read: () => Promise<T>, check: (value: T) => boolean, timeoutMs = 10_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (check(value) || Date.now() > deadline) return value;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}
