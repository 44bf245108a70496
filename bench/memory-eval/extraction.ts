import { randomUUID } from 'node:crypto';
import { createMemoryEventAdapters } from '@miyu/events/memory/create-memory-adapters';
import { startTestSubgraph, type TestSubgraph } from '@miyu/testing/subgraph-harness';
import { createMemorySubgraph } from '../../subgraphs/memory/src/app.ts';
import { extractMemories } from '../../subgraphs/memory/src/modules/extraction/memory-extractor.ts';
import { MemoryEntity } from '../../subgraphs/memory/src/modules/memory/memory.entity.ts';
import { recallMemories } from '../../subgraphs/memory/src/modules/memory/memory-recall.ts';
import { rememberFromMessage } from '../../subgraphs/memory/src/modules/memory/memory.service.ts';
import { memoryEvalEnv } from './env.ts';
import { EVAL_SPLITS, generateMemoryEval, type Person } from './generate.ts';

/**
 * The memory evaluation through extraction (issue 12): every user turn goes through the offline
 * extractor and is stored as the memory consumer stores it (rememberFromMessage, occurredAt from
 * the text or the turn's time); companion turns are not extracted from. Reports how many turns
 * gave a memory, how many evidence turns did, duplicates among the repeated facts, changed facts
 * whose old version is still current or is recalled (top 10), and recall@10 over the extracted
 * memories alone. Measures; nothing is tuned on it. Prints JSON.
 */
async function runPerson(subgraph: TestSubgraph, person: Person) {
  const userId = randomUUID();
  const memoriesOf = new Map<string, Set<string>>();
  let userTurns = 0;
  for (const turn of person.turns) {
    if (turn.speaker !== 'user') continue;
    userTurns++;
    const at = new Date(turn.at);
    const ids = new Set<string>();
    for (const candidate of extractMemories(turn.text, at)) {
      const row = await rememberFromMessage(subgraph.orm.em.fork(), userId, {
        ...candidate,
        sourceMessageId: randomUUID(),
        occurredAt: candidate.occurredAt ?? at,
      });
      ids.add(row.id);
    }
    memoriesOf.set(turn.id, ids);
  }
  const rows = await subgraph.orm.em.fork().find(MemoryEntity, { userId });
  const current = new Set(rows.filter((row) => !row.supersededAt).map((row) => row.id));
  const idsOf = (turns: string[]) => new Set(turns.flatMap((id) => [...(memoriesOf.get(id) ?? [])]));
  let duplicates = 0;
  for (const group of person.repeated) {
    const perTurn = Math.max(...group.map((id) => memoriesOf.get(id)?.size ?? 0));
    duplicates += Math.max(0, idsOf(group).size - perTurn);
  }
  let changed = 0;
  let staleCurrent = 0;
  let staleRecalled = 0;
  let hits = 0;
  let evidenceTurns = 0;
  let evidenceExtracted = 0;
  for (const question of person.questions) {
    const evidence = idsOf(question.evidence);
    const userEvidence = question.evidence.filter((id) => memoriesOf.has(id));
    evidenceTurns += userEvidence.length;
    evidenceExtracted += userEvidence.filter((id) => (memoriesOf.get(id)?.size ?? 0) > 0).length;
    const recalled = (
      await recallMemories(subgraph.orm.em.fork(), userId, { query: question.text, limit: 10 }, { countRecall: false })
    ).map((r) => r.memory.id);
    if (recalled.some((id) => evidence.has(id))) hits++;
    if (question.stale.length === 0) continue;
    changed++;
    const stale = [...idsOf(question.stale)].filter((id) => !evidence.has(id));
    if (stale.some((id) => current.has(id))) staleCurrent++;
    if (stale.some((id) => recalled.includes(id))) staleRecalled++;
  }
  return {
    userTurns,
    turnsWithMemory: [...memoriesOf.values()].filter((ids) => ids.size > 0).length,
    memories: rows.length,
    duplicates,
    changed,
    staleCurrent,
    staleRecalled,
    hits,
    questions: person.questions.length,
    evidenceTurns,
    evidenceExtracted,
  };
}

async function main() {
  const subgraph = await startTestSubgraph(
    createMemorySubgraph({ events: createMemoryEventAdapters(), embeddings: { kind: 'offline' } }),
  );
  const report: Record<string, unknown> = { database: memoryEvalEnv().databaseUrl ? 'postgresql' : 'pglite' };
  try {
    for (const [split, spec] of [
      ['dev', EVAL_SPLITS.dev],
      ['held-out', EVAL_SPLITS.heldOut],
    ] as const) {
      const totals: Record<string, number> = {};
      for (const person of generateMemoryEval(spec.seed, spec.people, spec.prefix)) {
        for (const [key, value] of Object.entries(await runPerson(subgraph, person))) totals[key] = (totals[key] ?? 0) + value;
      }
      const pct = (a = 0, b = 1) => Math.round((1000 * a) / Math.max(b, 1)) / 10;
      report[split] = {
        ...totals,
        turnsWithMemoryPct: pct(totals.turnsWithMemory, totals.userTurns),
        evidenceExtractedPct: pct(totals.evidenceExtracted, totals.evidenceTurns),
        staleCurrentPct: pct(totals.staleCurrent, totals.changed),
        staleRecalledPct: pct(totals.staleRecalled, totals.changed),
        recallAt10OverExtracted: pct(totals.hits, totals.questions),
      };
    }
  } finally {
    await subgraph.close();
  }
  console.log(JSON.stringify(report, null, 2));
}

await main();
