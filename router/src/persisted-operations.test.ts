import type { IncomingMessage } from 'node:http';
import { fileURLToPath } from 'node:url';
import type { Principal } from '@miyu/auth/principal';
import { describe, expect, it } from 'vitest';
import {
  createPersistedOperations,
  type PersistedOperationsMode,
  readPersistedManifest,
  sha256Hex,
} from './persisted-operations.ts';
import { createPersistedOperationsHttp } from './persisted-operations-http.ts';

const MANIFEST_PATH = fileURLToPath(new URL('../../clients/sdk/src/gql/persisted-documents.json', import.meta.url));
const KNOWN = 'query Personas { personas { id } }';
const manifest = new Map([[sha256Hex(KNOWN), KNOWN]]);
const anonymous = { principal: { kind: 'anonymous' } as Principal, fromGraphiql: false };
const integrator = {
  principal: { kind: 'apiKey', userId: 'u1', keyId: 'k1', scopes: ['*'] } as Principal,
  fromGraphiql: false,
};
const byHash = (sha256Hash: string, query?: string) => ({
  ...(query ? { query } : {}),
  extensions: { persistedQuery: { version: 1, sha256Hash } },
});
const codeOf = (run: () => unknown) => {
  try {
    run();
  } catch (error) {
    return (error as { code?: string }).code;
  }
  return 'no error';
};
const ops = (mode: PersistedOperationsMode) => createPersistedOperations(mode, new Map(manifest));

describe('persisted operations', () => {
  it('reads the generated manifest: every key is the sha256 of its document', () => {
    const generated = readPersistedManifest(MANIFEST_PATH);
    expect(generated.size).toBeGreaterThan(10);
    for (const [hash, text] of generated) expect(sha256Hex(text), text.slice(0, 40)).toBe(hash);
  });

  it('resolves a known hash (APQ) and a documentId, with or without the sha256: prefix', () => {
    const persisted = ops('safelist');
    expect(persisted.documentFor(byHash(sha256Hex(KNOWN)), anonymous)).toBe(KNOWN);
    expect(persisted.documentFor({ documentId: `sha256:${sha256Hex(KNOWN)}` }, anonymous)).toBe(KNOWN);
    expect(persisted.documentFor({ documentId: sha256Hex(KNOWN) }, anonymous)).toBe(KNOWN);
  });

  it('answers an unknown hash or documentId with PERSISTED_QUERY_NOT_FOUND', () => {
    expect(codeOf(() => ops('allow').documentFor(byHash('a'.repeat(64)), anonymous))).toBe('PERSISTED_QUERY_NOT_FOUND');
    expect(codeOf(() => ops('safelist').documentFor({ documentId: 'sha256:nope' }, anonymous))).toBe('PERSISTED_QUERY_NOT_FOUND');
  });

  it('registers a hash with its document in allow mode, and refuses a hash that is not the document’s', () => {
    const persisted = ops('allow');
    const query = '{ me { id } }';
    expect(codeOf(() => persisted.documentFor(byHash('b'.repeat(64), query), anonymous))).toBe('PERSISTED_QUERY_HASH_MISMATCH');
    expect(persisted.documentFor(byHash(sha256Hex(query), query), anonymous)).toBe(query);
    expect(persisted.documentFor(byHash(sha256Hex(query)), anonymous)).toBe(query);
  });

  it('refuses a malformed persistedQuery with its own code', () => {
    const persisted = ops('allow');
    expect(
      codeOf(() => persisted.documentFor({ extensions: { persistedQuery: { version: 2, sha256Hash: 'x' } } }, anonymous)),
    ).toBe('PERSISTED_QUERY_NOT_SUPPORTED');
    expect(codeOf(() => persisted.documentFor(byHash('XYZ'), anonymous))).toBe('BAD_USER_INPUT');
  });

  it('safelist: free-form documents and registrations are refused without an API key', () => {
    const persisted = ops('safelist');
    const query = '{ me { id } }';
    expect(codeOf(() => persisted.documentFor({ query }, anonymous))).toBe('OPERATION_NOT_IN_SAFELIST');
    expect(codeOf(() => persisted.documentFor(byHash(sha256Hex(query), query), anonymous))).toBe('OPERATION_NOT_IN_SAFELIST');
    expect(codeOf(() => persisted.documentFor(byHash(sha256Hex(query)), anonymous))).toBe('PERSISTED_QUERY_NOT_FOUND');
    // the manifest's own text, sent as text, is in the safelist
    expect(persisted.documentFor({ query: KNOWN }, anonymous)).toBe(KNOWN);
  });

  it('safelist: API keys, workers and GraphiQL keep free-form documents and registration', () => {
    const persisted = ops('safelist');
    const query = '{ me { id } }';
    expect(persisted.documentFor({ query }, integrator)).toBe(query);
    expect(
      persisted.documentFor({ query }, { principal: { kind: 'service', name: 'telegram', scopes: [] }, fromGraphiql: false }),
    ).toBe(query);
    expect(persisted.documentFor({ query }, { ...anonymous, fromGraphiql: true })).toBe(query);
    // the reply pipeline's context query: a service credential acting for the user (x-miyu-act-as)
    const actingUser: Principal = { kind: 'user', userId: 'u1', scopes: [] };
    expect(persisted.documentFor({ query }, { principal: actingUser, fromGraphiql: false, viaService: true })).toBe(query);
    expect(codeOf(() => persisted.documentFor({ query }, { principal: actingUser, fromGraphiql: false }))).toBe(
      'OPERATION_NOT_IN_SAFELIST',
    );
    expect(persisted.documentFor(byHash(sha256Hex(query), query), integrator)).toBe(query);
    // what an integrator registered is not a way around the safelist for anyone else
    expect(codeOf(() => persisted.documentFor(byHash(sha256Hex(query)), anonymous))).toBe('PERSISTED_QUERY_NOT_FOUND');
  });

  it('off: ids are refused as not supported, documents pass', () => {
    const persisted = ops('off');
    expect(codeOf(() => persisted.documentFor(byHash(sha256Hex(KNOWN)), anonymous))).toBe('PERSISTED_QUERY_NOT_SUPPORTED');
    expect(persisted.documentFor({ query: '{ me { id } }' }, anonymous)).toBe('{ me { id } }');
  });
});

describe('persisted operations over HTTP', () => {
  const request = (method: string, headers: Record<string, string> = {}) =>
    ({ method, headers: { host: 'router.test', ...headers } }) as unknown as IncomingMessage;
  const anonymousPrincipal: Principal = { kind: 'anonymous' };

  it('a POST body gets the document; the persisted-query extension is dropped, other extensions stay', () => {
    const http = createPersistedOperationsHttp(ops('safelist'), { graphiql: false });
    const body = {
      variables: { a: 1 },
      extensions: { persistedQuery: { version: 1, sha256Hash: sha256Hex(KNOWN) }, trace: true },
    };
    expect(http(request('POST'), anonymousPrincipal, body, new URL('http://router.test/graphql'))).toEqual({
      query: KNOWN,
      variables: { a: 1 },
      extensions: { trace: true },
    });
  });

  it('a GET gets ?query= from the hash in ?extensions=', () => {
    const http = createPersistedOperationsHttp(ops('safelist'), { graphiql: false });
    const url = new URL('http://router.test/graphql');
    url.searchParams.set('extensions', JSON.stringify(byHash(sha256Hex(KNOWN)).extensions));
    http(request('GET'), anonymousPrincipal, undefined, url);
    expect(url.searchParams.get('query')).toBe(KNOWN);
    expect(url.searchParams.has('extensions')).toBe(false);
  });

  it('a GET with an unknown documentId is refused by code; extensions that are not JSON are left to Apollo Server', () => {
    const http = createPersistedOperationsHttp(ops('allow'), { graphiql: false });
    expect(
      codeOf(() => http(request('GET'), anonymousPrincipal, undefined, new URL('http://router.test/graphql?documentId=x'))),
    ).toBe('PERSISTED_QUERY_NOT_FOUND');
    const url = new URL('http://router.test/graphql?query={__typename}&extensions={');
    http(request('GET'), anonymousPrincipal, undefined, url);
    expect(url.searchParams.get('extensions')).toBe('{');
  });

  it('GraphiQL (its page as Referer) keeps free-form documents only while GraphiQL is served', () => {
    const fromGraphiql = request('POST', { referer: 'http://router.test/graphql' });
    const body = { query: '{ me { id } }' };
    const url = new URL('http://router.test/graphql');
    expect(
      createPersistedOperationsHttp(ops('safelist'), { graphiql: true })(fromGraphiql, anonymousPrincipal, body, url),
    ).toEqual(body);
    expect(
      codeOf(() =>
        createPersistedOperationsHttp(ops('safelist'), { graphiql: false })(fromGraphiql, anonymousPrincipal, body, url),
      ),
    ).toBe('OPERATION_NOT_IN_SAFELIST');
    const elsewhere = request('POST', { referer: 'http://router.test/' });
    expect(
      codeOf(() => createPersistedOperationsHttp(ops('safelist'), { graphiql: true })(elsewhere, anonymousPrincipal, body, url)),
    ).toBe('OPERATION_NOT_IN_SAFELIST');
  });
});
