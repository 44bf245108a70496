import { buildSchema } from 'graphql';
import { describe, expect, it } from 'vitest';
import { DEFAULT_LIMITS } from '../env.ts';
import { createOperationChecker } from './operation-validation.ts';

const sdl = 'type Query { hello: String } type Subscription { ticks: Int }';

describe('createOperationChecker', () => {
  it('returns the operation kind, or the reason an operation cannot run', () => {
    const schema = buildSchema(sdl);
    const checkOperation = createOperationChecker(DEFAULT_LIMITS);
    expect(checkOperation(schema, 'subscription { ticks }', undefined)).toMatchObject({
      ok: true,
      kind: 'subscription',
    });
    expect(checkOperation(schema, '{ hello', undefined)).toMatchObject({
      ok: false,
      errors: [{ extensions: { code: 'GRAPHQL_PARSE_FAILED' } }],
    });
    expect(checkOperation(schema, '{ nope }', undefined)).toMatchObject({
      ok: false,
      errors: [{ extensions: { code: 'GRAPHQL_VALIDATION_FAILED' } }],
    });
    expect(checkOperation(schema, 'query A { hello } query B { hello }', 'C')).toMatchObject({
      ok: false,
      errors: [{ extensions: { code: 'OPERATION_NOT_SELECTED' } }],
    });
    // a limit keeps its own code and value, and the internal `limitCode` marker never leaves
    const deep = createOperationChecker({ ...DEFAULT_LIMITS, maxAliases: 1 })(schema, '{ a: hello b: hello }', undefined);
    expect(deep).toMatchObject({ ok: false, errors: [{ extensions: { code: 'MAX_ALIASES_EXCEEDED', limit: 1 } }] });
    expect(JSON.stringify(deep)).not.toContain('limitCode');
    const tokens = createOperationChecker({ ...DEFAULT_LIMITS, maxTokens: 5 })(schema, '{ hello hello hello hello }', undefined);
    expect(tokens).toMatchObject({ ok: false, errors: [{ extensions: { code: 'MAX_TOKENS_EXCEEDED', limit: 5 } }] });
  });

  it('checks a document once per schema, and picks the operation per call', () => {
    const schema = buildSchema(sdl);
    const checkOperation = createOperationChecker(DEFAULT_LIMITS);
    const source = 'query A { hello } subscription B { ticks }';
    const first = checkOperation(schema, source, 'A');
    const second = checkOperation(schema, source, 'B');
    if (!first.ok || !second.ok) throw new Error('expected both to be valid');
    expect(second.document).toBe(first.document);
    expect([first.kind, second.kind]).toEqual(['query', 'subscription']);
    // a reloaded schema (a new object) or a checker with other limits gets its own check
    const reloaded = checkOperation(buildSchema(sdl), source, 'A');
    const stricter = createOperationChecker({ ...DEFAULT_LIMITS, maxDepth: 0 })(schema, source, 'A');
    expect(reloaded.ok && reloaded.document).not.toBe(first.document);
    expect(stricter.ok).toBe(false);
  });
});
