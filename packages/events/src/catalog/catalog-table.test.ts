import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { withCatalogTable } from './catalog-table.ts';

describe('the README event catalog table', () => {
  it('is in step with event-catalog.ts (run node packages/events/src/catalog/update-readme.ts)', () => {
    const readme = readFileSync(new URL('../../../../README.md', import.meta.url), 'utf8');
    expect(readme).toBe(withCatalogTable(readme));
  });
});
