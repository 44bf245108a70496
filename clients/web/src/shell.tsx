import { WebCompanionChangedDocument, WebMeDocument, type WebMeQuery, WebSetModeDocument } from '@miyu/sdk/gql/graphql';
import { useEffect, useState } from 'preact/hooks';
import { describeError, type WebApi } from './api/web-api.ts';
import type { Session } from './auth/session-store.ts';
import { ChatView } from './chat/chat-view.tsx';
import { ConversationActions } from './chat/conversation-actions.tsx';
import { MemoriesPanel } from './panels/memories-panel.tsx';
import { QuestsPanel } from './panels/quests-panel.tsx';
import { SettingsPanel } from './panels/settings-panel.tsx';
import { ConnectionBanner } from './ui/connection-banner.tsx';
import { ModePicker, MoodBadge } from './ui/mode-picker.tsx';
import { ThemeToggle } from './ui/theme-toggle.tsx';

type Me = NonNullable<WebMeQuery['me']>;
type Panel = 'Memories' | 'Quests' | 'Settings';
const PANELS: Panel[] = ['Memories', 'Quests', 'Settings'];
const CONVERSATION_KEY = 'miyu.conversation';

export function Shell({ api, session, onSignOut }: { api: WebApi; session: Session; onSignOut: () => void }) {
  const [me, setMe] = useState<Me | undefined>();
  const [companion, setCompanion] = useState<Me['companion'] | undefined>();
  const [conversationId, setConversationId] = useState<string | undefined>();
  const [panel, setPanel] = useState<Panel | undefined>();
  const [status, setStatus] = useState<string | undefined>();
  const [error, setError] = useState<string | undefined>();

  const loadMe = async () => {
    const data = await api.request(WebMeDocument, {});
    if (!data.me) return onSignOut();
    setMe(data.me);
    setCompanion(data.me.companion);
    const known = data.me.conversations.nodes;
    setConversationId((current) => {
      const saved = current ?? localStorage.getItem(CONVERSATION_KEY) ?? undefined;
      return known.some((conversation) => conversation.id === saved) ? saved : known[0]?.id;
    });
  };

  useEffect(() => {
    loadMe().catch((failure) => setError(describeError(failure)));
    const controller = new AbortController();
    void (async () => {
      try {
        for await (const data of api.subscribe(WebCompanionChangedDocument, {})) {
          if (controller.signal.aborted) break;
          setCompanion((current) => ({ ...current, ...data.companionChanged }) as Me['companion']);
        }
      } catch {
        // live mood is a nicety; the next load shows the current state
      }
    })();
    return () => controller.abort();
  }, [api]);

  useEffect(() => {
    if (conversationId) localStorage.setItem(CONVERSATION_KEY, conversationId);
  }, [conversationId]);

  const setMode = async (mode: string) => {
    try {
      const next = (await api.request(WebSetModeDocument, { mode: mode as Me['companion']['mode'] })).setMode;
      setCompanion((current) => current && { ...current, mode: next.mode });
    } catch (failure) {
      setError(describeError(failure));
    }
  };

  const startNew = () => setConversationId(undefined);
  const conversations = me?.conversations.nodes ?? [];
  const current = conversations.find((conversation) => conversation.id === conversationId);
  return (
    <div class={`shell${panel ? ' with-panel' : ''}`}>
      <header class="topbar">
        <h1 class="brand">MIYU</h1>
        <div class="companion">
          {companion ? <ModePicker mode={companion.mode} onChange={(mode) => void setMode(mode)} /> : null}
          {companion ? <MoodBadge label={companion.mood.label} /> : null}
        </div>
        <nav class="tabs" aria-label="Panels">
          {PANELS.map((name) => (
            <button
              key={name}
              type="button"
              class={`tab${panel === name ? ' active' : ''}`}
              aria-expanded={panel === name ? 'true' : 'false'}
              onClick={() => setPanel(panel === name ? undefined : name)}
            >
              {name}
            </button>
          ))}
        </nav>
        <div class="account">
          <ThemeToggle />
          <button type="button" class="secondary" onClick={onSignOut} title={`Signed in as ${session.displayName}`}>
            Sign out
          </button>
        </div>
      </header>
      <ConnectionBanner status={status} />
      {error ? (
        <p class="banner error" role="alert">
          {error}
        </p>
      ) : null}
      <div class="conversations">
        <label for="conversation" class="visually-hidden">
          Conversation
        </label>
        <select
          id="conversation"
          value={conversationId ?? ''}
          onChange={(event) => setConversationId(event.currentTarget.value || undefined)}
        >
          {conversationId ? null : <option value="">New conversation</option>}
          {conversations.map((conversation) => (
            <option key={conversation.id} value={conversation.id}>
              {conversation.title ?? `Chat of ${new Date(conversation.createdAt).toLocaleString()}`}
            </option>
          ))}
        </select>
        <button type="button" class="secondary" onClick={startNew}>
          New chat
        </button>
        {current ? (
          <ConversationActions
            key={current.id}
            api={api}
            conversation={current}
            onChanged={() => void loadMe().catch(() => {})}
            onDeleted={() => {
              localStorage.removeItem(CONVERSATION_KEY);
              setConversationId(undefined);
              void loadMe().catch(() => {});
            }}
          />
        ) : null}
      </div>
      <main class="main">
        <ChatView
          api={api}
          conversationId={conversationId}
          greeting={companion?.persona.greeting}
          setStatus={setStatus}
          onConversationStarted={(id) => {
            setConversationId(id);
            void loadMe().catch(() => {});
          }}
        />
        {panel ? (
          <aside class="side">
            <button type="button" class="close secondary" onClick={() => setPanel(undefined)} aria-label="Close panel">
              ✕
            </button>
            {panel === 'Memories' ? <MemoriesPanel api={api} /> : null}
            {panel === 'Quests' ? <QuestsPanel api={api} /> : null}
            {panel === 'Settings' ? (
              <SettingsPanel api={api} personaId={companion?.persona.id} onPersonaChanged={() => void loadMe().catch(() => {})} />
            ) : null}
          </aside>
        ) : null}
      </main>
    </div>
  );
}
