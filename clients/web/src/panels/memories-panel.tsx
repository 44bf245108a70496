import {
  WebForgetAllDocument,
  WebForgetDocument,
  WebMemoriesDocument,
  type WebMemoriesQuery,
  WebRecallDocument,
  WebUpdateMemoryDocument,
} from '@miyu/sdk/gql/graphql';
import { useEffect, useState } from 'preact/hooks';
import { describeError, type WebApi } from '../api/web-api.ts';
import { downloadFile } from '../ui/download.ts';

interface MemoryItem {
  id: string;
  content: string;
  kind: string;
  createdAt: string;
  source?: { id: string; content: string } | null;
}

/** What she remembers: paged, searchable (recall), editable, forgettable, exportable. */
export function MemoriesPanel({ api }: { api: WebApi }) {
  const [items, setItems] = useState<MemoryItem[]>([]);
  const [total, setTotal] = useState(0);
  const [next, setNext] = useState<string | undefined>();
  const [query, setQuery] = useState('');
  const [searching, setSearching] = useState(false);
  const [editing, setEditing] = useState<string | undefined>();
  const [error, setError] = useState<string | undefined>();
  // until the first page is in, the panel says it is loading, not "nothing yet"
  const [loaded, setLoaded] = useState(false);

  const load = async (after?: string) => {
    try {
      const page = (await api.request(WebMemoriesDocument, { after: after ?? null })).me?.memories;
      if (!page) return;
      setItems((list) => (after ? [...list, ...page.nodes] : page.nodes));
      setTotal(page.totalCount);
      setNext(page.pageInfo.hasNextPage ? (page.pageInfo.endCursor ?? undefined) : undefined);
    } catch (failure) {
      setError(describeError(failure));
    } finally {
      setLoaded(true);
    }
  };
  useEffect(() => void load(), [api]);

  const run = async (action: () => Promise<unknown>) => {
    setError(undefined);
    try {
      await action();
    } catch (failure) {
      setError(describeError(failure));
    }
  };

  const search = (event: Event) => {
    event.preventDefault();
    const text = query.trim();
    setSearching(text !== '');
    if (!text) return void load();
    void run(async () => {
      const recalled = (await api.request(WebRecallDocument, { query: text })).me?.recall ?? [];
      setItems(recalled.map((hit) => hit.memory));
      setNext(undefined);
    });
  };

  const forget = (id: string) =>
    run(async () => {
      await api.request(WebForgetDocument, { id });
      setItems((list) => list.filter((item) => item.id !== id));
      setTotal((count) => Math.max(0, count - 1));
    });

  const forgetAll = () => {
    if (!window.confirm('Forget everything MIYU remembers about you? This cannot be undone.')) return;
    void run(async () => {
      await api.request(WebForgetAllDocument, {});
      setItems([]);
      setTotal(0);
      setNext(undefined);
    });
  };

  const save = (id: string, content: string) =>
    run(async () => {
      const updated = (await api.request(WebUpdateMemoryDocument, { id, content })).updateMemory;
      setItems((list) => list.map((item) => (item.id === id ? { ...item, content: updated.content } : item)));
      setEditing(undefined);
    });

  return (
    <section class="panel" aria-labelledby="memories-title" aria-busy={loaded ? 'false' : 'true'}>
      <header class="panel-head">
        <h2 id="memories-title">Memories</h2>
        <span class="count">{total} remembered</span>
      </header>
      <form class="search" onSubmit={search}>
        <label for="memory-search" class="visually-hidden">
          Search memories
        </label>
        <input
          id="memory-search"
          type="search"
          placeholder="Search memories"
          value={query}
          onInput={(e) => setQuery(e.currentTarget.value)}
        />
        <button type="submit" class="secondary">
          Search
        </button>
      </form>
      {error ? (
        <p class="error" role="alert">
          {error}
        </p>
      ) : null}
      {!loaded ? <p class="empty">Loading…</p> : null}
      {loaded && items.length === 0 ? (
        <p class="empty">{searching ? 'Nothing matches.' : 'Nothing yet. Tell her about yourself.'}</p>
      ) : null}
      <ul class="cards">
        {items.map((item) => (
          <li key={item.id} class="card">
            {editing === item.id ? (
              <form
                onSubmit={(event) => {
                  event.preventDefault();
                  void save(item.id, String(new FormData(event.currentTarget).get('content') ?? ''));
                }}
              >
                <label>
                  Edit memory
                  <textarea name="content" defaultValue={item.content} rows={3} />
                </label>
                <div class="row">
                  <button type="submit">Save</button>
                  <button type="button" class="secondary" onClick={() => setEditing(undefined)}>
                    Cancel
                  </button>
                </div>
              </form>
            ) : (
              <>
                <p>{item.content}</p>
                <p class="meta">
                  <span class="tag">{item.kind.toLowerCase()}</span> {new Date(item.createdAt).toLocaleDateString()}
                  {item.source ? <span title={item.source.content}> · from “{clip(item.source.content)}”</span> : null}
                </p>
                <div class="row">
                  <button
                    type="button"
                    class="secondary"
                    onClick={() => setEditing(item.id)}
                    aria-label={`Edit: ${clip(item.content)}`}
                  >
                    Edit
                  </button>
                  <button type="button" class="danger" onClick={() => void forget(item.id)}>
                    Forget
                  </button>
                </div>
              </>
            )}
          </li>
        ))}
      </ul>
      <div class="row">
        {next ? (
          <button type="button" class="secondary" onClick={() => void load(next)}>
            Show more
          </button>
        ) : null}
        <button
          type="button"
          class="secondary"
          onClick={() => void run(async () => downloadFile('miyu-memories.json', await exportAll(api), 'application/json'))}
        >
          Export JSON
        </button>
        <button type="button" class="danger" onClick={forgetAll} disabled={total === 0}>
          Forget all
        </button>
      </div>
    </section>
  );
}

/** Every memory, all pages (not only the ones shown), as pretty JSON. */
async function exportAll(api: WebApi): Promise<string> {
  const all: MemoryItem[] = [];
  let after: string | null = null;
  for (;;) {
    const data: WebMemoriesQuery = await api.request(WebMemoriesDocument, { after });
    const page = data.me?.memories;
    if (!page) break;
    all.push(...page.nodes);
    if (!page.pageInfo.hasNextPage || !page.pageInfo.endCursor) break;
    after = page.pageInfo.endCursor;
  }
  return JSON.stringify(all, null, 2);
}

const clip = (text: string) => (text.length > 40 ? `${text.slice(0, 40)}…` : text);
