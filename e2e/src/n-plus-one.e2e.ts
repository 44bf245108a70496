import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { send, startChat } from './conversation-flow.ts';
import { type E2eStack, startE2eStack } from './stack.ts';

const WIDE = `{ me {
  conversations(first: 20) { nodes { id title summary messages(last: 5) { nodes { id content replyTo { id } emotion { primary } } } } }
  memories(first: 20) { nodes { id content source { id } } }
  quests { status quest { id title } }
  companion { persona { name } transitions { to } }
} }`;

/**
 * SQL statements per subgraph for one request through the router. Background work (the outbox
 * poll, event consumers) also runs statements, so each count is the minimum of a few runs.
 */
async function statementsFor(stack: E2eStack, token: string) {
  const best: Record<string, number> = {};
  for (let run = 0; run < 4; run += 1) {
    for (const counter of Object.values(stack.counters)) counter.reset();
    const response = await stack.gql(WIDE, {}, token);
    expect(response.errors).toBeUndefined();
    for (const [name, counter] of Object.entries(stack.counters))
      best[name] = Math.min(best[name] ?? Number.POSITIVE_INFINITY, counter.count);
  }
  return best;
}

describe('list fields through the router are free of N+1', () => {
  let stack: E2eStack;
  beforeAll(async () => {
    stack = await startE2eStack();
  });
  afterAll(() => stack?.close());

  it('issues the same number of statements for 2 and for 5 conversations and memories', async () => {
    const make = async (name: string, count: number) => {
      const user = await stack.signUp(name);
      for (let i = 0; i < count; i += 1) {
        const conversationId = await startChat(stack, user.token);
        await send(stack, user.token, conversationId, `Message number ${i}`);
        await stack.gql(`mutation { remember(input: {content: "fact number ${i}", kind: FACT}) { id } }`, {}, user.token);
      }
      return user;
    };
    const small = await make('Small', 2);
    const large = await make('Large', 5);
    // let the reply pipeline and the event processors settle before counting
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    const few = await statementsFor(stack, small.token);
    const many = await statementsFor(stack, large.token);
    expect(many).toEqual(few);
    expect(few.conversation).toBeGreaterThan(0);
  });
});
