import {
  WebCreatePersonaDocument,
  WebDeletePersonaDocument,
  WebImportCharacterCardDocument,
  WebPersonaCardsDocument,
  WebPersonasDocument,
  type WebPersonasQuery,
  WebUpdatePersonaDocument,
} from '@miyu/sdk/gql/graphql';
import { useEffect, useState } from 'preact/hooks';
import { describeError, type WebApi } from '../api/web-api.ts';
import { downloadFile } from '../ui/download.ts';
import { CardFileError, readCardFromPng, writeCardToPng } from './character-card-png.ts';
import { drawPersonaAvatar } from './persona-avatar.ts';

type Persona = WebPersonasQuery['personas'][number];

/** What the form edits: the card's own greeting, with its {{user}} / {{char}} macros unfilled. */
interface Draft {
  id: string;
  name: string;
  description: string;
  greeting: string;
  systemPrompt: string;
}

/** The card inside a chosen file: a JSON Character Card, or a PNG carrying one (chara / ccv3). */
async function cardOfFile(file: File): Promise<unknown> {
  const bytes = new Uint8Array(await file.arrayBuffer());
  if (file.type === 'image/png' || /\.png$/i.test(file.name)) return readCardFromPng(bytes);
  try {
    return JSON.parse(new TextDecoder().decode(bytes));
  } catch {
    throw new CardFileError('This file is neither a PNG nor JSON.');
  }
}

const fileName = (name: string) => name.replace(/[^\p{L}\p{N}]+/gu, '-').replace(/^-|-$/g, '') || 'persona';

/** Create, edit, delete, import (JSON or PNG card) and export (JSON or PNG card) one's own personas. */
export function PersonaManager({ api, onChanged }: { api: WebApi; onChanged: () => void }) {
  const [own, setOwn] = useState<Persona[]>([]);
  const [editing, setEditing] = useState<Draft | 'new' | undefined>();
  const [error, setError] = useState<string | undefined>();
  const [notice, setNotice] = useState<string | undefined>();

  const load = () =>
    api
      .request(WebPersonasDocument, {})
      .then((data) => setOwn(data.personas.filter((persona) => persona.imported)))
      .catch((failure) => setError(describeError(failure)));
  useEffect(() => void load(), [api]);

  const run = async (work: () => Promise<string | undefined>) => {
    setError(undefined);
    setNotice(undefined);
    try {
      const done = await work();
      if (done) setNotice(done);
      await load();
      onChanged();
    } catch (failure) {
      setError(failure instanceof CardFileError ? failure.message : describeError(failure));
    }
  };

  const save = (event: Event) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget as HTMLFormElement);
    const input = {
      name: String(form.get('name') ?? ''),
      description: String(form.get('description') ?? ''),
      greeting: String(form.get('greeting') ?? ''),
      systemPrompt: String(form.get('systemPrompt') ?? ''),
    };
    const target = editing;
    void run(async () => {
      if (target === 'new') await api.request(WebCreatePersonaDocument, { input });
      else if (target) await api.request(WebUpdatePersonaDocument, { id: target.id, input });
      setEditing(undefined);
      return target === 'new' ? `Created ${input.name}.` : `Saved ${input.name}.`;
    });
  };

  const importFile = (event: Event) => {
    const field = event.currentTarget as HTMLInputElement;
    const file = field.files?.[0];
    field.value = '';
    if (!file) return;
    void run(async () => {
      const card = await cardOfFile(file);
      const imported = (await api.request(WebImportCharacterCardDocument, { card })).importCharacterCard;
      return `Imported ${imported.name}.`;
    });
  };

  const cardOf = async (persona: Persona) => {
    const cards = (await api.request(WebPersonaCardsDocument, {})).personas;
    const card = cards.find((entry) => entry.id === persona.id)?.characterCard;
    if (!card) throw new CardFileError('This persona is gone.');
    return card as { data?: { first_mes?: string; system_prompt?: string } };
  };

  const edit = async (persona: Persona) => {
    setError(undefined);
    try {
      const card = await cardOf(persona);
      setEditing({
        id: persona.id,
        name: persona.name,
        description: persona.description,
        greeting: card.data?.first_mes ?? persona.greeting,
        systemPrompt: card.data?.system_prompt ?? persona.systemPrompt ?? '',
      });
    } catch (failure) {
      setError(failure instanceof CardFileError ? failure.message : describeError(failure));
    }
  };

  const exportCard = (persona: Persona, as: 'json' | 'png') =>
    run(async () => {
      const card = await cardOf(persona);
      if (as === 'json') downloadFile(`${fileName(persona.name)}.json`, JSON.stringify(card, null, 2), 'application/json');
      else
        downloadFile(`${fileName(persona.name)}.png`, writeCardToPng(await drawPersonaAvatar(persona.name), card), 'image/png');
      return undefined;
    });

  const remove = (persona: Persona) => {
    if (!window.confirm(`Delete the persona ${persona.name}?`)) return;
    void run(async () => {
      await api.request(WebDeletePersonaDocument, { id: persona.id });
      return `Deleted ${persona.name}.`;
    });
  };

  const current = editing === 'new' ? undefined : editing;
  return (
    <section class="stack" aria-labelledby="personas-title">
      <h3 id="personas-title">Your personas</h3>
      <ul class="cards" aria-label="Your personas">
        {own.map((persona) => (
          <li key={persona.id} class="card">
            <p>
              <strong>{persona.name}</strong>
            </p>
            <p class="meta">{persona.description.slice(0, 120)}</p>
            <div class="row">
              <button type="button" class="secondary" onClick={() => void edit(persona)} aria-label={`Edit ${persona.name}`}>
                Edit
              </button>
              <button
                type="button"
                class="secondary"
                onClick={() => void exportCard(persona, 'json')}
                aria-label={`Export ${persona.name} as JSON`}
              >
                JSON
              </button>
              <button
                type="button"
                class="secondary"
                onClick={() => void exportCard(persona, 'png')}
                aria-label={`Export ${persona.name} as PNG`}
              >
                PNG
              </button>
              <button type="button" class="danger" onClick={() => remove(persona)} aria-label={`Delete ${persona.name}`}>
                Delete
              </button>
            </div>
          </li>
        ))}
      </ul>
      {editing ? (
        <form
          key={current?.id ?? 'new'}
          class="stack"
          onSubmit={save}
          aria-label={current ? `Edit ${current.name}` : 'New persona'}
        >
          <label>
            Name
            <input name="name" required maxLength={100} defaultValue={current?.name ?? ''} />
          </label>
          <label>
            Description
            <textarea name="description" rows={3} maxLength={20000} defaultValue={current?.description ?? ''} />
          </label>
          <label>
            Greeting
            <textarea name="greeting" rows={2} maxLength={20000} defaultValue={current?.greeting ?? ''} />
          </label>
          <label>
            System prompt
            <textarea name="systemPrompt" rows={2} maxLength={20000} defaultValue={current?.systemPrompt ?? ''} />
          </label>
          <div class="row">
            <button type="submit">{current ? 'Save persona' : 'Create persona'}</button>
            <button type="button" class="secondary" onClick={() => setEditing(undefined)}>
              Cancel
            </button>
          </div>
        </form>
      ) : (
        <div class="row">
          <button type="button" class="secondary" onClick={() => setEditing('new')}>
            New persona
          </button>
          <label class="file-button">
            Import Character Card
            <input type="file" accept=".json,.png,application/json,image/png" onChange={importFile} />
          </label>
        </div>
      )}
      {notice ? <p role="status">{notice}</p> : null}
      {error ? (
        <p class="error" role="alert">
          {error}
        </p>
      ) : null}
    </section>
  );
}
