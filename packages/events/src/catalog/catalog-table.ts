import { EVENT_CATALOG, EVENT_TYPES } from './event-catalog.ts';

export const TABLE_START = '<!-- event-catalog:start (generated: node packages/events/src/catalog/update-readme.ts) -->';
export const TABLE_END = '<!-- event-catalog:end -->';

/** A field list of an example payload, e.g. `userId, conversationId, title`. */
const fieldsOf = (example: object) =>
  Object.keys(example)
    .map((key) => `\`${key}\``)
    .join(', ');

/** The README's table of the event catalog, one row per event type. */
export function catalogTable(): string {
  const rows = EVENT_TYPES.map((type) => {
    const entry = EVENT_CATALOG[type];
    const consumers = entry.consumers.length > 0 ? entry.consumers.join(', ') : '—';
    return `| \`${type}\` | ${entry.version} | ${entry.producer} | ${consumers} | ${fieldsOf(entry.example)} | ${entry.description} |`;
  });
  return ['| type | version | producer | consumers | payload | what happened |', '|---|---|---|---|---|---|', ...rows].join('\n');
}

/** `readme` with the text between the catalog markers replaced by the current table. */
export function withCatalogTable(readme: string): string {
  const start = readme.indexOf(TABLE_START);
  const end = readme.indexOf(TABLE_END);
  if (start < 0 || end < start) throw new Error('README.md has no event catalog markers');
  return `${readme.slice(0, start + TABLE_START.length)}\n${catalogTable()}\n${readme.slice(end)}`;
}
