import { type AuditResult, serverAudits } from 'graphql-http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type E2eStack, startE2eStack } from './stack.ts';

/**
 * graphql-http's own conformance audit (GraphQL over HTTP, both media types) against the real
 * router. Every audit must answer "ok": a warning or a notice is a spec deviation, and the README's
 * "GraphQL over HTTP" paragraph says why the router behaves as it does.
 */
const EXPECTED_OK = 61;

describe('GraphQL over HTTP: graphql-http server audit', () => {
  let stack: E2eStack;
  const results: (AuditResult & { name: string })[] = [];
  beforeAll(async () => {
    stack = await startE2eStack();
    const audits = serverAudits({ url: stack.url });
    for (const audit of audits) results.push({ ...(await audit.fn()), name: audit.name });
  });
  afterAll(() => stack?.close());

  it(`passes ${EXPECTED_OK} of ${EXPECTED_OK} audits`, async () => {
    const notOk = await Promise.all(
      results
        .filter((result) => result.status !== 'ok')
        .map(async (result) => {
          const failure = result as Extract<AuditResult, { status: 'warn' | 'error' | 'notice' }> & { name: string };
          return `${failure.status}: ${failure.name}: ${failure.reason}`;
        }),
    );
    expect(notOk).toEqual([]);
    expect(results.filter((result) => result.status === 'ok')).toHaveLength(EXPECTED_OK);
    expect(results).toHaveLength(EXPECTED_OK);
  });
});
