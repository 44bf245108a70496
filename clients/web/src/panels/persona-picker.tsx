import { WebChoosePersonaDocument, WebPersonasDocument, type WebPersonasQuery } from '@miyu/sdk/gql/graphql';
import { useEffect, useState } from 'preact/hooks';
import { describeError, type WebApi } from '../api/web-api.ts';

/** Who she is: the seeded personas and the caller's imported ones (choosePersona). */
export function PersonaPicker({
  api,
  personaId,
  onChanged,
}: {
  api: WebApi;
  personaId: string | undefined;
  onChanged: () => void;
}) {
  const [personas, setPersonas] = useState<WebPersonasQuery['personas']>([]);
  const [error, setError] = useState<string | undefined>();
  useEffect(() => {
    api
      .request(WebPersonasDocument, {})
      .then((data) => setPersonas(data.personas))
      .catch((failure) => setError(describeError(failure)));
  }, [api]);

  const choose = async (id: string) => {
    try {
      await api.request(WebChoosePersonaDocument, { personaId: id });
      onChanged();
    } catch (failure) {
      setError(describeError(failure));
    }
  };

  return (
    <div class="stack">
      <label for="persona">Persona</label>
      <select id="persona" value={personaId} onChange={(event) => void choose(event.currentTarget.value)}>
        {personas.map((persona) => (
          <option key={persona.id} value={persona.id}>
            {persona.name}
            {persona.imported ? ' (imported)' : ''}
          </option>
        ))}
      </select>
      {error ? (
        <p class="error" role="alert">
          {error}
        </p>
      ) : null}
    </div>
  );
}
