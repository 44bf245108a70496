import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

/*
 * No `helm` binary exists on the machines this chart is developed and tested on, so the chart is
 * not rendered here. These checks catch what breaks a render most often: unbalanced template
 * blocks, `.Values` paths that values.yaml does not define, secret variables missing from
 * secrets.keys, and the shape the platform workers depend on (one replica, Recreate, the state on
 * a PersistentVolumeClaim). Run `helm lint` and `helm template … | kubeconform` where helm exists.
 */

const CHART = fileURLToPath(new URL('./miyu/', import.meta.url));
const TEMPLATES = join(CHART, 'templates');
const read = (path: string) => readFileSync(path, 'utf8');
const templateFiles = readdirSync(TEMPLATES).filter((name) => /\.(ya?ml|tpl)$/u.test(name));

type Tree = { [key: string]: Tree | 'leaf' };

/** The key tree of values.yaml (block maps by indentation, inline `{ a: b }` maps, lists as leaves). */
function valuesTree(text: string): Tree {
  const root: Tree = {};
  const stack: { indent: number; node: Tree }[] = [{ indent: -1, node: root }];
  for (const rawLine of text.split('\n')) {
    const line = rawLine.replace(/\s+#.*$/u, '').replace(/^\s*#.*$/u, '');
    if (!line.trim() || line.trim().startsWith('- ')) continue;
    const match = /^( *)([\w.-]+):(?: (.*))?$/u.exec(line);
    if (!match) continue;
    const indent = (match[1] ?? '').length;
    const key = match[2] as string;
    const rest = (match[3] ?? '').trim();
    while ((stack.at(-1) as { indent: number }).indent >= indent) stack.pop();
    const parent = (stack.at(-1) as { node: Tree }).node;
    if (!rest) {
      const child: Tree = {};
      parent[key] = child;
      stack.push({ indent, node: child });
    } else parent[key] = rest.startsWith('{') ? flowMap(rest) : 'leaf';
  }
  return root;
}

/** `{ a: 1, b: { c: 2 } }` as a key tree. */
function flowMap(text: string): Tree {
  const tree: Tree = {};
  const inner = text.trim().replace(/^\{/u, '').replace(/\}$/u, '');
  let depth = 0;
  let current = '';
  const entries: string[] = [];
  for (const char of inner) {
    if (char === '{' || char === '[') depth += 1;
    if (char === '}' || char === ']') depth -= 1;
    if (char === ',' && depth === 0) {
      entries.push(current);
      current = '';
    } else current += char;
  }
  entries.push(current);
  for (const entry of entries) {
    const match = /^\s*([\w.-]+):\s*(.*)$/u.exec(entry);
    if (!match) continue;
    const value = (match[2] ?? '').trim();
    tree[match[1] as string] = value.startsWith('{') ? flowMap(value) : 'leaf';
  }
  return tree;
}

/** Where a `.Values` path stops being defined, or undefined when values.yaml defines it. */
function missingAt(tree: Tree, path: string[]): string | undefined {
  let node: Tree | 'leaf' = tree;
  for (const [index, key] of path.entries()) {
    if (node === 'leaf') return path.slice(0, index + 1).join('.');
    if (key === '*') {
      const rest = path.slice(index + 1);
      const children = Object.entries(node);
      const gap = children.map(([name, child]) => (child === 'leaf' ? name : missingAt(child, rest))).find(Boolean);
      return gap ? `${path.slice(0, index).join('.')}.<each>.${gap}` : undefined;
    }
    // an empty map (`env: {}`) is the user's to fill
    if (Object.keys(node).length === 0) return undefined;
    const next: Tree | 'leaf' | undefined = node[key];
    if (next === undefined) return path.slice(0, index + 1).join('.');
    node = next;
  }
  return undefined;
}

/** The template's actions, comments left out. */
function actions(text: string): string[] {
  return [...text.matchAll(/\{\{-?\s*([\s\S]*?)\s*-?\}\}/gu)]
    .map((match) => (match[1] ?? '').trim())
    .filter((action) => !action.startsWith('/*'));
}

/**
 * Every `.Values.a.b` path a template reads, with `$x := .Values.a` aliases resolved; `*` stands
 * for each entry of a map a `range $key, $x := .Values.a` walks.
 */
function valuesPaths(text: string): string[][] {
  const aliases = new Map<string, string>();
  for (const match of text.matchAll(/\$(\w+)\s*:=\s*(?:\$root)?\.Values\.([\w.]+)/gu))
    aliases.set(match[1] as string, match[2] as string);
  for (const match of text.matchAll(/range\s+\$\w+\s*,\s*\$(\w+)\s*:=\s*(?:\$root)?\.Values\.([\w.]+)/gu))
    aliases.set(match[1] as string, `${match[2]}.*`);
  const paths: string[][] = [];
  for (const action of actions(text)) {
    for (const match of action.matchAll(/(?:\$root)?(?<![\w$])\.Values\.([\w.]+)/gu)) paths.push((match[1] as string).split('.'));
    for (const match of action.matchAll(/\$(\w+)((?:\.\w+)+)/gu)) {
      const base = aliases.get(match[1] as string);
      if (base) paths.push([...base.split('.'), ...(match[2] as string).slice(1).split('.')]);
    }
  }
  return paths;
}

const values = valuesTree(read(join(CHART, 'values.yaml')));

describe('the Helm chart (structure; no helm binary here to render it)', () => {
  it.each(templateFiles)('%s has balanced blocks', (name) => {
    const stack: string[] = [];
    for (const action of actions(read(join(TEMPLATES, name)))) {
      const word = /^(\w+)/u.exec(action)?.[1];
      if (word && ['if', 'with', 'range', 'define', 'block'].includes(word)) stack.push(word);
      else if (word === 'else') expect(['if', 'with', 'range']).toContain(stack.at(-1));
      else if (word === 'end') expect(stack.pop(), `an {{ end }} without a block in ${name}`).toBeDefined();
    }
    expect(stack, `unclosed blocks in ${name}`).toEqual([]);
  });

  it.each(templateFiles)('%s reads only values that values.yaml defines', (name) => {
    const missing = valuesPaths(read(join(TEMPLATES, name)))
      .map((path) => missingAt(values, path))
      .filter(Boolean);
    expect(missing).toEqual([]);
  });

  it("gives each worker only secret keys listed in secrets.keys (the template's own check fails the render otherwise)", () => {
    const text = read(join(CHART, 'values.yaml'));
    const keys = Object.keys((values.secrets as Tree).keys as Tree);
    for (const worker of ['telegram', 'x']) {
      const section = text.slice(text.indexOf(`\n${worker}:\n`));
      const secretEnv = /\n {2}secretEnv: \[([^\]]*)\]/u
        .exec(section)?.[1]
        ?.split(',')
        .map((entry) => entry.trim());
      expect(secretEnv, worker).toBeDefined();
      for (const variable of secretEnv ?? []) expect(keys, `${worker}: ${variable}`).toContain(variable);
    }
  });

  it('runs the X worker as one replica, replaced with Recreate, its since_id state on a PersistentVolumeClaim', () => {
    const text = read(join(TEMPLATES, 'x-worker.yaml'));
    expect(text).toMatch(/^ {2}replicas: 1$/mu);
    expect(text).toMatch(/strategy:\n(?: {4}#.*\n)? {4}type: Recreate/u);
    expect(text).toMatch(/args: \["x"\]/u);
    expect(text).toMatch(/^kind: PersistentVolumeClaim$/mu);
    expect(text).toMatch(/claimName: \{\{ \$fullname \}\}-state/u);
    expect(text).toMatch(/name: \{\{ \$fullname \}\}-state/u);
    expect(text).toMatch(/- \{ name: state, mountPath: \/data \}/u);
    expect(text).toMatch(/MIYU_DATA_DIR, value: \{\{ if \$persist \}\}\/data/u);
    expect(values.x).toMatchObject({ enabled: 'leaf', persistence: { enabled: 'leaf', size: 'leaf' } });
  });

  it('keeps the polling Telegram worker’s update offset on a PersistentVolumeClaim (webhook pods keep /tmp)', () => {
    const text = read(join(TEMPLATES, 'telegram-worker.yaml'));
    expect(text).toMatch(/\$persist := and \(eq \$tg\.mode "polling"\) \$tg\.persistence\.enabled/u);
    expect(text).toMatch(/^kind: PersistentVolumeClaim$/mu);
    expect(text).toMatch(/claimName: \{\{ \$fullname \}\}-state/u);
    expect(text).toMatch(/MIYU_DATA_DIR, value: \{\{ if \$persist \}\}\/data\{\{ else \}\}\/tmp\/miyu/u);
    // polling replaces the pod with Recreate, so the claim (ReadWriteOnce) is never wanted by two pods
    expect(text).toMatch(/# Two pollers[^\n]*\n {4}type: Recreate/u);
  });

  it('lets both workers reach the router through its NetworkPolicy', () => {
    const text = read(join(TEMPLATES, 'networkpolicy.yaml'));
    expect(text).toContain('if $root.Values.telegram.enabled');
    expect(text).toContain('if $root.Values.x.enabled');
    expect(read(join(TEMPLATES, '_helpers.tpl'))).toContain('has .name (list "telegram" "x")');
  });

  it('has an image entrypoint for each worker the chart runs', () => {
    const entrypoint = read(fileURLToPath(new URL('../docker/entrypoint.sh', import.meta.url)));
    expect(entrypoint).toMatch(/^ {2}telegram\)\n {4}exec node clients\/telegram\/src\/main\.ts/mu);
    expect(entrypoint).toMatch(/^ {2}x\)\n {4}exec node clients\/x\/src\/main\.ts/mu);
  });
});
