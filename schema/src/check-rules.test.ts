import { describe, expect, it } from 'vitest';
import { findBreakingChanges, findDrift, findMissingContract } from './check-rules.ts';
import { composeSupergraph, SchemaCheckError } from './compose.ts';

const LINK = 'extend schema @link(url: "https://specs.apollo.dev/federation/v2.6", import: ["@key", "@shareable"])';
const subgraph = (name: string, body: string) => ({ name, url: `http://127.0.0.1/${name}`, sdl: `${LINK}\n${body}` });

const API = `
  type Query { me: User, ping(times: Int): String }
  type User { id: ID!, name: String!, memories(first: Int = 20): [String!]! }
  enum Kind { A B }
`;

describe('findDrift', () => {
  it('reports outdated, missing and stale files and accepts identical ones', () => {
    const committed = new Map([
      ['schema/api.graphql', 'type Query { a: Int }\n'],
      ['subgraphs/a/schema.graphql', 'same\n'],
      ['subgraphs/gone/schema.graphql', 'old\n'],
    ]);
    const generated = new Map([
      ['schema/api.graphql', 'type Query { a: Int, b: Int }\n'],
      ['subgraphs/a/schema.graphql', 'same\n'],
      ['schema/supergraph.graphql', 'new\n'],
    ]);
    expect(findDrift(committed, generated)).toEqual([
      { path: 'schema/api.graphql', problem: 'outdated' },
      { path: 'schema/supergraph.graphql', problem: 'missing' },
      { path: 'subgraphs/gone/schema.graphql', problem: 'stale' },
    ]);
    expect(findDrift(generated, new Map(generated))).toEqual([]);
  });
});

describe('composeSupergraph', () => {
  it('composes subgraphs into a sorted API schema without federation machinery', () => {
    const composed = composeSupergraph([
      subgraph('users', 'type Query { me: User }\ntype User @key(fields: "id") { id: ID!, name: String! }'),
      subgraph('notes', 'type User @key(fields: "id") { id: ID!, notes: [String!]! }'),
    ]);
    expect(composed.supergraphSdl).toContain('@join__graph(name: "notes", url: "http://127.0.0.1/notes")');
    expect(composed.apiSdl).toBe(
      'type Query {\n  me: User\n}\n\ntype User {\n  id: ID!\n  name: String!\n  notes: [String!]!\n}\n',
    );
  });

  it('fails on a field two subgraphs resolve without @shareable, with its error code', () => {
    const compose = () =>
      composeSupergraph([subgraph('a', 'type Query { hello: String }'), subgraph('b', 'type Query { hello: String }')]);
    expect(compose).toThrow(SchemaCheckError);
    expect(compose).toThrow(/\[INVALID_FIELD_SHARING\].*Query\.hello/);
  });

  it('fails on a shared field with conflicting types', () => {
    try {
      composeSupergraph([
        subgraph('a', 'type Query { a: Thing }\ntype Thing @shareable { name: String }'),
        subgraph('b', 'type Query { b: Thing }\ntype Thing @shareable { name: Int }'),
      ]);
      expect.unreachable('composition should fail');
    } catch (error) {
      expect(error).toBeInstanceOf(SchemaCheckError);
      expect((error as SchemaCheckError).problems).toEqual([expect.stringMatching(/^\[FIELD_TYPE_MISMATCH\] .*Thing\.name/)]);
    }
  });
});

describe('findBreakingChanges', () => {
  const removed = API.replace('name: String!, ', '');

  it('reports a removed field until it is declared', () => {
    expect(findBreakingChanges(API, removed, [])).toEqual({
      undeclared: [{ type: 'FIELD_REMOVED', description: 'User.name was removed.' }],
      unusedDeclarations: [],
    });
    expect(findBreakingChanges(API, removed, ['User.name was removed.'])).toEqual({ undeclared: [], unusedDeclarations: [] });
  });

  it('reports declarations that match no change', () => {
    expect(findBreakingChanges(API, API, ['User.name was removed.']).unusedDeclarations).toEqual(['User.name was removed.']);
  });

  it('does not report compatible additions (field, optional argument, type, enum value)', () => {
    const added = `${API.replace('ping(times: Int)', 'ping(times: Int, loud: Boolean = false)').replace('A B', 'A B C')}
      extend type User { nickname: String }
      type Extra { id: ID! }`;
    expect(findBreakingChanges(API, added, []).undeclared).toEqual([]);
  });

  it('reports a new required argument and a retyped field', () => {
    const changed = API.replace('ping(times: Int)', 'ping(times: Int!)').replace('name: String!', 'name: Int!');
    expect(
      findBreakingChanges(API, changed, [])
        .undeclared.map((change) => change.type)
        .sort(),
    ).toEqual(['ARG_CHANGED_KIND', 'FIELD_CHANGED_KIND']);
  });
});

describe('findMissingContract', () => {
  const CONTRACT = `
    # comments are fine
    type Query { me: User, ping(times: Int): String }
    type User { id: ID!, memories(first: Int = 20): [String!]! }
    type Subscription { tick: Int!, tock: Reply! }
    type Reply { text: String! }
  `;
  const ALLOWED = ['Subscription.tick', 'Subscription.tock', 'Reply'];

  it('accepts an API schema that adds to the contract and lacks only allowed items', () => {
    expect(findMissingContract(CONTRACT, API, ALLOWED)).toEqual({ violations: [], unneededAllowances: [] });
  });

  it('reports a missing field and a missing enum value', () => {
    const contract = `${CONTRACT}\nextend type User { avatar: String }\nenum Kind { A B C }`;
    expect(findMissingContract(contract, API, ALLOWED).violations).toEqual([
      { type: 'FIELD_REMOVED', description: 'User.avatar was removed.' },
      { type: 'VALUE_REMOVED_FROM_ENUM', description: 'C was removed from enum type Kind.' },
    ]);
  });

  it('reports missing items that are not allowed', () => {
    expect(findMissingContract(CONTRACT, API, ['Subscription.tick']).violations.map((change) => change.description)).toEqual([
      'Subscription was removed.',
      'Reply was removed.',
    ]);
  });

  it('accepts a stricter output type but reports weaker ones, required arguments and changed defaults', () => {
    const contract = 'type Query { me: User }\ntype User { id: ID, name: String!, memories(first: Int = 20): [String!]! }';
    const api =
      'type Query { me: User }\ntype User { id: ID!, name: String, memories(first: Int = 10, kind: String!): [String!]! }';
    expect(findMissingContract(contract, api, []).violations.map((change) => change.type)).toEqual([
      'FIELD_CHANGED_KIND',
      'REQUIRED_ARG_ADDED',
      'ARG_DEFAULT_VALUE_CHANGE',
    ]);
  });

  it('notes allowances the API schema no longer needs', () => {
    const api = `${API}\ntype Reply { text: String! }`;
    expect(findMissingContract(CONTRACT, api, ALLOWED).unneededAllowances).toEqual(['Reply']);
  });

  it('refuses an invalid contract and allowances that name nothing', () => {
    expect(() => findMissingContract('type Query { me: Missing }', API, [])).toThrow(/contract is not valid SDL/);
    expect(() => findMissingContract(CONTRACT, API, [...ALLOWED, 'User.nope'])).toThrow(
      /name nothing in the contract: User\.nope/,
    );
  });
});
