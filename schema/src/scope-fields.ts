import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { conversationPermissions } from '@miyu/conversation/permissions';
import { API_KEY_SCOPE_LIST } from '@miyu/identity/modules/api-key/api-key.scopes';
import { identityPermissions } from '@miyu/identity/permissions';
import { memoryPermissions } from '@miyu/memory/permissions';
import { personalityPermissions } from '@miyu/personality/permissions';
import { questPermissions } from '@miyu/quest/permissions';
import { Kind, parse } from 'graphql';
import type { IRules } from 'graphql-shield';
import { REPO_ROOT } from './schema-files.ts';

/** Each subgraph's shield rules: the only place a scope opens a field. */
const PERMISSIONS: Record<string, () => IRules> = {
  identity: identityPermissions,
  personality: personalityPermissions,
  memory: memoryPermissions,
  quest: questPermissions,
  conversation: conversationPermissions,
};

/** Federation's own plumbing, never asked for by clients. */
const HIDDEN = /^_/;

interface ShieldNode {
  name?: unknown;
  getRules?: () => ShieldNode[];
}

/** The scopes a rule (and the rules it combines) asks for, by their `scope:<name>` rule names. */
function scopesOf(rule: unknown): string[] {
  const node = rule as ShieldNode;
  const own = typeof node.name === 'string' && node.name.startsWith('scope:') ? [node.name.slice('scope:'.length)] : [];
  return [...own, ...(node.getRules?.() ?? []).flatMap(scopesOf)];
}

/** Field names per object type in a subgraph's printed SDL (types and their extensions). */
function fieldsBySubgraphType(subgraph: string): Map<string, string[]> {
  const document = parse(readFileSync(join(REPO_ROOT, 'subgraphs', subgraph, 'schema.graphql'), 'utf8'));
  const fields = new Map<string, string[]>();
  for (const definition of document.definitions) {
    if (definition.kind !== Kind.OBJECT_TYPE_DEFINITION && definition.kind !== Kind.OBJECT_TYPE_EXTENSION) continue;
    const names = (definition.fields ?? []).map((field) => field.name.value);
    fields.set(definition.name.value, [...(fields.get(definition.name.value) ?? []), ...names]);
  }
  return fields;
}

/** Every scope an API key may carry, its description, and the `Type.field`s it opens (sorted). */
export function scopeFields(): { name: string; description: string; fields: string[] }[] {
  const opened = new Map<string, Set<string>>(API_KEY_SCOPE_LIST.map((scope) => [scope.name, new Set<string>()]));
  const open = (scopes: string[], field: string) => {
    for (const scope of scopes) opened.get(scope)?.add(field);
  };
  for (const [subgraph, permissions] of Object.entries(PERMISSIONS)) {
    const fields = fieldsBySubgraphType(subgraph);
    for (const [type, rules] of Object.entries(permissions())) {
      const ofType = (fields.get(type) ?? []).filter((field) => !HIDDEN.test(field));
      const isFieldMap = typeof rules === 'object' && rules !== null && !('getRules' in rules) && !('name' in rules);
      if (!isFieldMap) {
        for (const field of ofType) open(scopesOf(rules), `${type}.${field}`);
        continue;
      }
      const map = rules as Record<string, unknown>;
      for (const field of ofType) {
        const rule = field in map ? map[field] : map['*'];
        if (rule !== undefined) open(scopesOf(rule), `${type}.${field}`);
      }
    }
  }
  return API_KEY_SCOPE_LIST.map((scope) => ({
    name: scope.name,
    description: scope.description,
    fields: [...(opened.get(scope.name) ?? [])].sort(),
  }));
}

/** docs/scopes.md, generated: `node schema/src/write-scopes-doc.ts`. */
export function renderScopesDoc(): string {
  const rows = scopeFields().map(
    (scope) => `| \`${scope.name}\` | ${scope.description} | ${scope.fields.map((field) => `\`${field}\``).join(', ') || '—'} |`,
  );
  return [
    '# API key scopes',
    '',
    "Generated from the subgraphs' permission rules by `node schema/src/write-scopes-doc.ts`; a test",
    '(`schema/src/scope-fields.test.ts`) fails when this file is out of step with the code.',
    '',
    "A signed-in person's own token carries every scope. An API key carries the scopes it was created",
    "with (`createApiKey(input: { name, scopes })`), and reaches only its owner's data: a field also",
    "checks that what it shows belongs to the key's owner. `User.id` needs no scope (every other",
    "subgraph's `User` fields hang from it). A field a key's scopes do not open is answered",
    "`FORBIDDEN` with the scope's name in the sentence and in `extensions.requiredScope`.",
    '',
    '| scope | allows | fields it opens |',
    '|---|---|---|',
    ...rows,
    '',
  ].join('\n');
}
