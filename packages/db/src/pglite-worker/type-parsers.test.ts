import { createPostgreSqlTypeParsers } from '@mikro-orm/sql';
import { describe, expect, it } from 'vitest';
import { pgliteTypeParsers } from './type-parsers.ts';

describe('the PGlite worker’s type parsers', () => {
  it('are the ones MikroORM installs on a PGlite it creates', () => {
    const arrayParse = (text: string) => [text];
    const ours = pgliteTypeParsers(arrayParse);
    const theirs = createPostgreSqlTypeParsers(arrayParse) as Record<number, (text: string) => unknown>;
    expect(Object.keys(ours).sort()).toEqual(Object.keys(theirs).sort());
    for (const [oid, parse] of Object.entries(theirs)) {
      for (const sample of ['2026-12-07', '{"2026-12-07 10:00:00+00"}', '1 day'])
        expect(ours[Number(oid)]?.(sample)).toEqual(parse(sample));
    }
  });
});
