export interface FanoutChunk {
  seq: number;
  delta: string;
  done: boolean;
  reset: boolean;
  message: { id: string; content: string } | null;
}

export interface StreamCheck {
  ok: boolean;
  lost: number;
  duplicated: number;
  outOfOrder: number;
  problem?: string;
}

/**
 * A subscriber's view is correct when it holds seq 0..n exactly once, in order, ends with the
 * done chunk, has the same n as every other subscriber of the reply, and the stored content
 * equals the concatenated deltas.
 */
export function checkStream(chunks: FanoutChunk[], expectedLastSeq: number | undefined): StreamCheck {
  const seen = new Set<number>();
  let duplicated = 0;
  let outOfOrder = 0;
  chunks.forEach((chunk, index) => {
    if (seen.has(chunk.seq)) duplicated += 1;
    seen.add(chunk.seq);
    if (index > 0 && chunk.seq <= chunks[index - 1]!.seq) outOfOrder += 1;
  });
  const last = chunks.at(-1);
  const lastSeq = Math.max(expectedLastSeq ?? -1, last?.seq ?? -1);
  const lost = lastSeq + 1 - seen.size;
  const problems: string[] = [];
  if (!last?.done) problems.push('no done chunk');
  if (expectedLastSeq !== undefined && last?.seq !== expectedLastSeq)
    problems.push(`last seq ${last?.seq} != ${expectedLastSeq}`);
  if (chunks.some((chunk) => chunk.reset)) problems.push('reset chunk (the reply restarted)');
  const text = chunks.map((chunk) => chunk.delta).join('');
  if (last?.done && last.message?.content !== text) problems.push('stored content differs from the concatenated deltas');
  const ok = lost === 0 && duplicated === 0 && outOfOrder === 0 && problems.length === 0;
  return { ok, lost, duplicated, outOfOrder, ...(problems.length ? { problem: problems.join('; ') } : {}) };
}
