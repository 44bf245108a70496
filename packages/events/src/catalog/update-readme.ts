/** Rewrites the event catalog table in README.md from event-catalog.ts: `node packages/events/src/catalog/update-readme.ts`. */
import { readFileSync, writeFileSync } from 'node:fs';
import { withCatalogTable } from './catalog-table.ts';

const readme = new URL('../../../../README.md', import.meta.url);
writeFileSync(readme, withCatalogTable(readFileSync(readme, 'utf8')));
console.log('README.md: event catalog table written');
