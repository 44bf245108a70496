import { buildSchema } from 'graphql';
import { describe, expect, it } from 'vitest';
import { DEFAULT_LIMITS } from '../env.ts';
import { parseAndValidate } from './operation-validation.ts';

const sdl = 'type Query { hello: String } type Subscription { ticks: Int }';

describe('parseAndValidate', () => {
  it('returns the operation kind, or the reason an operation cannot run', () => {
    const schema = buildSchema(sdl);
    expect(parseAndValidate(schema, 'subscription { ticks }', undefined, DEFAULT_LIMITS)).toMatchObject({
      ok: true,
      kind: 'subscription',
    });
    expect(parseAndValidate(schema, '{ hello', undefined, DEFAULT_LIMITS)).toMatchObject({
      ok: false,
      errors: [{ extensions: { code: 'GRAPHQL_PARSE_FAILED' } }],
    });
    expect(parseAndValidate(schema, '{ nope }', undefined, DEFAULT_LIMITS)).toMatchObject({
      ok: false,
      errors: [{ extensions: { code: 'GRAPHQL_VALIDATION_FAILED' } }],
    });
    expect(parseAndValidate(schema, 'query A { hello } query B { hello }', 'C', DEFAULT_LIMITS)).toMatchObject({
      ok: false,
      errors: [{ extensions: { code: 'BAD_REQUEST' } }],
    });
  });

  it('checks a document once per schema and limits, and picks the operation per call', () => {
    const schema = buildSchema(sdl);
    const source = 'query A { hello } subscription B { ticks }';
    const first = parseAndValidate(schema, source, 'A', DEFAULT_LIMITS);
    const second = parseAndValidate(schema, source, 'B', DEFAULT_LIMITS);
    if (!first.ok || !second.ok) throw new Error('expected both to be valid');
    expect(second.document).toBe(first.document);
    expect([first.kind, second.kind]).toEqual(['query', 'subscription']);
    // a reloaded schema (a new object) or other limits get their own check
    const reloaded = parseAndValidate(buildSchema(sdl), source, 'A', DEFAULT_LIMITS);
    const stricter = parseAndValidate(schema, source, 'A', { ...DEFAULT_LIMITS, maxDepth: 0 });
    expect(reloaded.ok && reloaded.document).not.toBe(first.document);
    expect(stricter.ok).toBe(false);
  });
});
