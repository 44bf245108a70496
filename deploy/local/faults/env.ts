import { z } from 'zod';

const schema = z.object({
  /** Where the suite's services listen: routers on base and base+10, subgraphs above (see topology.ts). */
  FAULTS_BASE_PORT: z.coerce.number().int().min(1024).max(64_000).default(7300),
  FAULTS_POSTGRES_PORT: z.coerce.number().int().min(1024).max(65_535).default(55_432),
  FAULTS_REDIS_PORT: z.coerce.number().int().min(1024).max(65_535).default(56_379),
  /** The offline model's pace: about 70 words at 120 ms is a reply of some 8 s, long enough to interrupt. */
  FAULTS_WORD_DELAY_MS: z.coerce.number().int().min(1).default(120),
});

export type FaultsEnv = z.infer<typeof schema>;

export function loadFaultsEnv(source: Record<string, string | undefined> = process.env): FaultsEnv {
  return schema.parse(Object.fromEntries(Object.entries(source).filter(([, value]) => value !== undefined && value !== '')));
}

/** The environment the launcher and its services inherit. */
export function parentEnv(): Record<string, string> {
  return Object.fromEntries(Object.entries(process.env).filter((entry): entry is [string, string] => entry[1] !== undefined));
}
