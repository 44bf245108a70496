import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { untilDefined } from '@miyu/testing/until';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { send, startChat } from './conversation-flow.ts';
import { type E2eStack, startE2eStack } from './stack.ts';

type Rows = Record<string, unknown>[];

interface Deletion {
  id: string;
  done: boolean;
  steps: { subgraph: string; done: boolean; rowsDeleted: number | null }[];
}

const DELETION = 'query($id: ID!) { accountDeletion(id: $id) { id done steps { subgraph done rowsDeleted } } }';
const DELETE = 'mutation($confirm: Boolean) { deleteAccount(confirm: $confirm) { id done steps { subgraph done } } }';

const until = <T>(what: string, read: () => Promise<T | undefined>) => untilDefined(what, read, 60_000);

/** Every row whose text names the user, in every table of every schema the subgraphs' databases hold. */
async function rowsNaming(subgraphs: E2eStack['subgraphs'], userId: string): Promise<string[]> {
  const found: string[] = [];
  for (const [name, subgraph] of Object.entries(subgraphs)) {
    const connection = subgraph.orm.em.fork().getConnection();
    const tables: Rows = await connection.execute(
      // each subgraph's role reads its own schema; the five together cover every schema of the cluster
      `select schemaname, tablename from pg_tables where schemaname not in ('pg_catalog', 'information_schema')
         and has_schema_privilege(schemaname, 'USAGE') and has_table_privilege(format('%I.%I', schemaname, tablename), 'SELECT')`,
    );
    for (const { schemaname, tablename } of tables) {
      const rows: Rows = await connection.execute(
        `select count(*)::int as n from "${String(schemaname)}"."${String(tablename)}" t where t::text like ?`,
        [`%${userId}%`],
      );
      if (Number(rows[0]?.n) > 0) found.push(`${name}: ${String(schemaname)}.${String(tablename)} (${rows[0]?.n})`);
    }
  }
  return found;
}

describe('deleteAccount', () => {
  let stack: E2eStack;
  // embedded: a data folder, so the stopped subgraph comes back to its own database (as after a crash)
  const dataDir = mkdtempSync(join(tmpdir(), 'miyu-account-'));
  beforeAll(async () => {
    stack = await startE2eStack({ dataDir });
  });
  afterAll(async () => {
    await stack?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('refuses without confirm: true and deletes nothing', async () => {
    const ada = await stack.signUp('Ada');
    for (const confirm of [undefined, false]) {
      const refused = await stack.gql(DELETE, confirm === undefined ? {} : { confirm }, ada.token);
      expect(refused.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
      expect(refused.errors?.[0]?.message).toMatch(/confirm: true/);
    }
    expect((await stack.gql<{ me: { id: string } }>('{ me { id } }', {}, ada.token)).data?.me.id).toBe(ada.userId);
  });

  it('while a reply streams and memory is stopped: credentials stop at once, every row goes once memory is back', async () => {
    const bo = await stack.signUp('Bo');
    const key = await stack.gql<{ createApiKey: { secret: string } }>(
      'mutation { createApiKey(input: { name: "bo-script", scopes: ["profile:read"] }) { secret } }',
      {},
      bo.token,
    );
    const apiKey = key.data!.createApiKey.secret;
    const conversationId = await startChat(stack, bo.token);
    // a first exchange leaves rows everywhere: messages, memories, quest progress, companion state
    const first = await send(stack, bo.token, conversationId, 'My cat is called Miso and I live in Lisbon.');
    await until('the first reply', async () => {
      const response = await stack.gql<{ conversation: { messages: { nodes: { id: string; status: string }[] } } }>(
        'query($id: ID!) { conversation(id: $id) { messages(last: 10) { nodes { id status } } } }',
        { id: conversationId },
        bo.token,
      );
      const reply = response.data?.conversation.messages.nodes.find((node) => node.id === first.reply.id);
      return reply?.status === 'COMPLETE' ? reply : undefined;
    });
    await until('a memory', async () => {
      const response = await stack.gql<{ me: { memories: { totalCount: number } } }>(
        '{ me { memories { totalCount } } }',
        {},
        bo.token,
      );
      return (response.data?.me.memories.totalCount ?? 0) > 0 ? true : undefined;
    });

    // memory goes down for 8 s; a second reply is being written when the account is deleted
    const memoryBack = stack.restartSubgraph('memory', 8_000);
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    await send(stack, bo.token, conversationId, 'Tell me a long story about Miso in Lisbon, please.');
    const deleted = await stack.gql<{ deleteAccount: Deletion }>(DELETE, { confirm: true }, bo.token);
    expect(deleted.errors).toBeUndefined();
    const deletionId = deleted.data!.deleteAccount.id;

    for (const credential of [bo.token, apiKey]) {
      const refused = await stack.gql('{ me { id } }', {}, credential);
      expect(refused.status).toBe(401);
      expect(refused.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    }

    // the deletion can be followed without signing in; memory's part waits for memory
    const partial = await until('every subgraph but memory', async () => {
      const response = await stack.gql<{ accountDeletion: Deletion }>(DELETION, { id: deletionId });
      const steps = response.data?.accountDeletion.steps ?? [];
      return steps.filter((step) => step.done).length === 4 ? steps : undefined;
    });
    expect(partial.find((step) => step.subgraph === 'memory')?.done).toBe(false);

    // the stack's map still holds the stopped instance
    const subgraphs = { ...stack.subgraphs, memory: await memoryBack };
    const done = await until('the whole deletion', async () => {
      const response = await stack.gql<{ accountDeletion: Deletion }>(DELETION, { id: deletionId });
      return response.data?.accountDeletion.done ? response.data.accountDeletion : undefined;
    });
    expect(done.steps.map((step) => step.subgraph).sort()).toEqual([
      'conversation',
      'identity',
      'memory',
      'personality',
      'quest',
    ]);
    expect(done.steps.find((step) => step.subgraph === 'memory')?.rowsDeleted).toBeGreaterThan(0);

    // the interrupted reply's job and the events still in flight write nothing back
    await new Promise((resolve) => setTimeout(resolve, 3_000));
    expect(await rowsNaming(subgraphs, bo.userId)).toEqual([]);
    for (const credential of [bo.token, apiKey]) expect((await stack.gql('{ me { id } }', {}, credential)).status).toBe(401);
    expect((await stack.gql(DELETION, { id: '00000000-0000-4000-8000-000000000000' })).data).toEqual({ accountDeletion: null });
  });
});
