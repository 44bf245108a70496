import { randomUUID } from 'node:crypto';
import type { TestSubgraph } from '@miyu/testing/subgraph-harness';
import type { Person } from './generate.ts';

const REMEMBER = `mutation($input: RememberInput!) { remember(input: $input) { id } }`;
const RECALL = `query($r: [_Any!]!, $q: String!, $l: Int) { _entities(representations: $r) { ... on User { recall(query: $q, limit: $l) { memory { id } } } } }`;

export interface StoredPerson {
  userId: string;
  /** Memory id → the turn ids it was stored from (a de-duplicated memory stands for all). */
  turnsOf: Map<string, string[]>;
  memoryOfTurn: Map<string, string>;
}

/** Every turn of one person through the real subgraph's `remember` over GraphQL, one call per turn, in order. */
export async function storePerson(subgraph: TestSubgraph, person: Person, sendOccurredAt: boolean): Promise<StoredPerson> {
  const userId = randomUUID();
  const me = subgraph.asUser(userId);
  const turnsOf = new Map<string, string[]>();
  const memoryOfTurn = new Map<string, string>();
  for (const turn of person.turns) {
    const response = await subgraph.request<{ remember: { id: string } }>(me, REMEMBER, {
      input: { content: turn.text, kind: 'FACT', ...(sendOccurredAt ? { occurredAt: turn.at } : {}) },
    });
    const id = response.data?.remember.id;
    if (!id) throw new Error(`remember failed: ${JSON.stringify(response.errors)}`);
    turnsOf.set(id, [...(turnsOf.get(id) ?? []), turn.id]);
    memoryOfTurn.set(turn.id, id);
  }
  return { userId, turnsOf, memoryOfTurn };
}

/** Repeated sentences stored as more than one memory. */
export const duplicatesOf = (person: Person, stored: StoredPerson) =>
  person.repeated.reduce((sum, group) => sum + new Set(group.map((t) => stored.memoryOfTurn.get(t))).size - 1, 0);

/**
 * Feeds one person's turns to the real memory subgraph and asks every question with
 * `recall(limit: 10)`. Returns, per question, the recalled memories as the turn ids each was stored from.
 */
export async function runMiyu(subgraph: TestSubgraph, person: Person, sendOccurredAt: boolean) {
  const stored = await storePerson(subgraph, person, sendOccurredAt);
  const me = subgraph.asUser(stored.userId);
  const ranking = new Map<string, string[][]>();
  const latencies: number[] = [];
  for (const question of person.questions) {
    const started = performance.now();
    const response = await subgraph.request<{ _entities: Array<{ recall: Array<{ memory: { id: string } }> }> }>(me, RECALL, {
      r: [{ __typename: 'User', id: stored.userId }],
      q: question.text,
      l: 10,
    });
    latencies.push(performance.now() - started);
    const recalled = response.data?._entities[0]?.recall;
    if (!recalled) throw new Error(`recall failed: ${JSON.stringify(response.errors)}`);
    ranking.set(
      question.id,
      recalled.map((r) => stored.turnsOf.get(r.memory.id) ?? []),
    );
  }
  return { ranking, latencies, duplicates: duplicatesOf(person, stored), memories: stored.turnsOf.size };
}

/** Whether this version of the schema takes `RememberInput.occurredAt` (the seed's did not). */
export async function takesOccurredAt(subgraph: TestSubgraph): Promise<boolean> {
  const response = await subgraph.request<{ __type: { inputFields: Array<{ name: string }> } | null }>(
    subgraph.asUser(randomUUID()),
    '{ __type(name: "RememberInput") { inputFields { name } } }',
  );
  return response.data?.__type?.inputFields.some((field) => field.name === 'occurredAt') ?? false;
}
