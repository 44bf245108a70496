import { loadEmbeddedEnv } from '@miyu/stack/env';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type E2eStack, startE2eStack } from './stack.ts';

// `npm start` reads the router's variables with the router's own loader (stack/src/env.ts);
// this proves the stack it starts runs with them, not with built-in defaults.
describe('npm start honours the router configuration', () => {
  let stack: E2eStack;
  beforeAll(async () => {
    const env = loadEmbeddedEnv({ RATE_LIMIT_BURST: '3', RATE_LIMIT_PER_SECOND: '0.01', MAX_DEPTH: '3' });
    stack = await startE2eStack({ router: env.router });
  });
  afterAll(() => stack?.close());

  it('refuses a query deeper than MAX_DEPTH, then rate-limits after RATE_LIMIT_BURST requests', async () => {
    const deep = await stack.gql('{ me { conversations { edges { node { id } } } } }');
    expect(deep.status).toBe(400);
    expect(JSON.stringify(deep.errors)).toMatch(/depth/i);
    const statuses: number[] = [];
    for (let i = 0; i < 4; i += 1) statuses.push((await stack.gql('{ __typename }')).status);
    // the refused query may or may not have spent a token; the fourth request is over the burst either way
    expect(statuses.slice(0, 2)).toEqual([200, 200]);
    expect(statuses[3]).toBe(429);
  });
});
