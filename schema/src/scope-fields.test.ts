import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from './schema-files.ts';
import { renderScopesDoc, scopeFields } from './scope-fields.ts';

describe('API key scopes documentation', () => {
  it('docs/scopes.md is the one the code generates (run node schema/src/write-scopes-doc.ts)', () => {
    expect(readFileSync(join(REPO_ROOT, 'docs', 'scopes.md'), 'utf8')).toBe(renderScopesDoc());
  });

  it('every scope opens at least one field, and the read scopes open what integrators ask first', () => {
    const scopes = new Map(scopeFields().map((scope) => [scope.name, scope.fields]));
    for (const [name, fields] of scopes) expect(fields.length, name).toBeGreaterThan(0);
    expect(scopes.get('memories:read')).toContain('User.memories');
    expect(scopes.get('memories:write')).toContain('Mutation.remember');
    expect(scopes.get('profile:read')).toContain('User.displayName');
    expect(scopes.get('conversations:write')).toContain('Mutation.sendMessage');
  });
});
