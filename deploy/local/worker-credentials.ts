import { randomBytes } from 'node:crypto';

/**
 * SERVICE_CREDENTIALS with an entry for each named worker: kept when the list already has one,
 * otherwise `name:<random secret>` appended for this run. Routers and the worker get the same list.
 */
export function withWorkerCredentials(credentials: string, names: string[]): { credentials: string; generated: string[] } {
  const entries = credentials
    .split(',')
    .map((entry) => entry.trim())
    .filter(Boolean);
  const present = new Set(entries.map((entry) => entry.split(':')[0]));
  const generated = names.filter((name) => !present.has(name));
  for (const name of generated) entries.push(`${name}:${randomBytes(32).toString('hex')}`);
  return { credentials: entries.join(','), generated };
}
