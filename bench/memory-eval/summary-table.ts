interface SplitReport {
  questions: number;
  miyu: { all: Scores; staleAboveCurrentPct: number; duplicates: number };
  miyuEmbeddings?: { all: Scores; staleAboveCurrentPct: number };
  plainBm25: { all: Scores; staleAboveCurrentPct: number };
  recallMs: { p50: number; p95: number };
}
interface Scores {
  recallAt5: number;
  recallAt10: number;
  mrr: number;
}

/** One line per split and system, for the README and a quick look. */
export function summaryTable(report: Record<string, unknown>): string {
  const lines = [
    '| split | system | questions | recall@5 | recall@10 | MRR | stale above current | duplicates |',
    '|---|---|---|---|---|---|---|---|',
  ];
  for (const split of ['dev', 'held-out']) {
    const r = report[split] as SplitReport | undefined;
    if (!r) continue;
    const row = (name: string, s: Scores, stale: number, dups: string) =>
      `| ${split} | ${name} | ${r.questions} | ${s.recallAt5} | ${s.recallAt10} | ${s.mrr} | ${stale} % | ${dups} |`;
    lines.push(row('MIYU', r.miyu.all, r.miyu.staleAboveCurrentPct, String(r.miyu.duplicates)));
    if (r.miyuEmbeddings)
      lines.push(
        row(`MIYU, embeddings (${String(report.embeddings)})`, r.miyuEmbeddings.all, r.miyuEmbeddings.staleAboveCurrentPct, '–'),
      );
    lines.push(row('plain BM25', r.plainBm25.all, r.plainBm25.staleAboveCurrentPct, '–'));
  }
  return lines.join('\n');
}
