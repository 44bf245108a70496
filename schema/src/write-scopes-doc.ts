import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { REPO_ROOT } from './schema-files.ts';
import { renderScopesDoc } from './scope-fields.ts';

// `node schema/src/write-scopes-doc.ts`: writes docs/scopes.md from the subgraphs' permission rules.
writeFileSync(join(REPO_ROOT, 'docs', 'scopes.md'), renderScopesDoc());
console.log('wrote docs/scopes.md');
