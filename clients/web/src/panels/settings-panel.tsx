import { WebApiKeysDocument, WebCreateApiKeyDocument, WebRevokeApiKeyDocument } from '@miyu/sdk/gql/graphql';
import { useEffect, useState } from 'preact/hooks';
import { describeError, type WebApi } from '../api/web-api.ts';
import { PersonaManager } from '../personas/persona-manager.tsx';
import { PersonaPicker } from './persona-picker.tsx';

const SCOPES = [
  'profile:read',
  'companion:read',
  'companion:write',
  'memories:read',
  'memories:write',
  'quests:read',
  'quests:write',
  'conversations:read',
  'conversations:write',
];

interface KeyItem {
  id: string;
  name: string;
  scopes: string[];
  createdAt: string;
  lastUsedAt?: string | null;
}

/** Persona, and for developers: API keys with scopes, the secret shown once, and a curl example. */
export function SettingsPanel({
  api,
  personaId,
  onPersonaChanged,
}: {
  api: WebApi;
  personaId: string | undefined;
  onPersonaChanged: () => void;
}) {
  const [keys, setKeys] = useState<KeyItem[]>([]);
  const [secret, setSecret] = useState<string | undefined>();
  const [copied, setCopied] = useState(false);
  const [error, setError] = useState<string | undefined>();
  const [personasVersion, setPersonasVersion] = useState(0);

  useEffect(() => {
    api
      .request(WebApiKeysDocument, {})
      .then((data) => setKeys(data.apiKeys))
      .catch((failure) => setError(describeError(failure)));
  }, [api]);

  const create = async (event: Event) => {
    event.preventDefault();
    const formElement = event.currentTarget as HTMLFormElement;
    const form = new FormData(formElement);
    const scopes = form.getAll('scope').map(String);
    setError(undefined);
    try {
      const created = (await api.request(WebCreateApiKeyDocument, { input: { name: String(form.get('name') ?? ''), scopes } }))
        .createApiKey;
      setKeys((list) => [created.apiKey, ...list]);
      setSecret(created.secret);
      setCopied(false);
      formElement.reset();
    } catch (failure) {
      setError(describeError(failure));
    }
  };

  const revoke = async (id: string) => {
    setError(undefined);
    try {
      await api.request(WebRevokeApiKeyDocument, { id });
      setKeys((list) => list.filter((key) => key.id !== id));
    } catch (failure) {
      setError(describeError(failure));
    }
  };

  const copy = async () => {
    if (!secret) return;
    await navigator.clipboard?.writeText(secret).catch(() => {});
    setCopied(true);
  };

  return (
    <section class="panel" aria-labelledby="settings-title">
      <header class="panel-head">
        <h2 id="settings-title">Settings</h2>
      </header>
      <PersonaPicker key={personasVersion} api={api} personaId={personaId} onChanged={onPersonaChanged} />
      <PersonaManager
        api={api}
        onChanged={() => {
          setPersonasVersion((version) => version + 1);
          onPersonaChanged();
        }}
      />
      <h3>API keys</h3>
      <form class="stack" onSubmit={create}>
        <label>
          Key name
          <input name="name" required maxLength={60} placeholder="my-script" />
        </label>
        <fieldset>
          <legend>Scopes</legend>
          <div class="scopes">
            {SCOPES.map((scope) => (
              <label key={scope} class="check">
                <input type="checkbox" name="scope" value={scope} defaultChecked={scope.endsWith(':read')} /> {scope}
              </label>
            ))}
          </div>
        </fieldset>
        <button type="submit">Create API key</button>
      </form>
      {error ? (
        <p class="error" role="alert">
          {error}
        </p>
      ) : null}
      {secret ? (
        <div class="secret" role="status">
          <p>Copy this key now: it is shown only once.</p>
          <code class="secret-value">{secret}</code>
          <button type="button" class="secondary" onClick={() => void copy()}>
            {copied ? 'Copied' : 'Copy key'}
          </button>
          <p>Query MIYU with curl:</p>
          <pre>
            <code>{`curl ${location.origin}/graphql \\\n  -H 'content-type: application/json' \\\n  -H 'authorization: Bearer ${secret}' \\\n  -d '{"query":"{ me { displayName memories { totalCount } } }"}'`}</code>
          </pre>
        </div>
      ) : null}
      <ul class="cards" aria-label="API keys">
        {keys.map((key) => (
          <li key={key.id} class="card">
            <p>
              <strong>{key.name}</strong>
            </p>
            <p class="meta">
              {key.scopes.join(', ')} · created {new Date(key.createdAt).toLocaleString()} ·{' '}
              {key.lastUsedAt ? `last used ${new Date(key.lastUsedAt).toLocaleString()}` : 'never used'}
            </p>
            <button type="button" class="danger" onClick={() => void revoke(key.id)} aria-label={`Revoke ${key.name}`}>
              Revoke
            </button>
          </li>
        ))}
      </ul>
      {keys.length === 0 ? <p class="empty">No API keys yet.</p> : null}
    </section>
  );
}
