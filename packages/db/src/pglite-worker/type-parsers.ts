/**
 * The type parsers MikroORM installs on a PGlite it creates itself (`createPostgreSqlTypeParsers`
 * in @mikro-orm/sql): dates, timestamps and intervals stay text, MikroORM hydrates them; their
 * arrays are split by `arrayParse`. Written out here because importing @mikro-orm/sql in the
 * worker loaded MikroORM and kysely a second time (about 420 modules) into the worker's isolate
 * for these eight entries; type-parsers.test.ts keeps the two equal.
 */
export function pgliteTypeParsers(arrayParse: (text: string) => unknown): Record<number, (text: string) => unknown> {
  const parsers: Record<number, (text: string) => unknown> = {};
  // date, timestamp, timestamptz, interval
  for (const oid of [1082, 1114, 1184, 1186]) parsers[oid] = (text) => text;
  // date[], timestamp[], timestamptz[], interval[]
  for (const oid of [1182, 1115, 1185, 1187]) parsers[oid] = arrayParse;
  return parsers;
}
