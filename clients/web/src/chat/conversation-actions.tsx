import { WebDeleteConversationDocument, WebRenameConversationDocument } from '@miyu/sdk/gql/graphql';
import { useState } from 'preact/hooks';
import { describeError, type WebApi } from '../api/web-api.ts';

interface ConversationActionsProps {
  api: WebApi;
  conversation: { id: string; title?: string | null };
  onChanged: () => void;
  onDeleted: () => void;
}

type Step = 'idle' | 'renaming' | 'confirming';

/** Rename (inline, in a labelled textbox) and delete (after a confirmation) the open conversation. */
export function ConversationActions({ api, conversation, onChanged, onDeleted }: ConversationActionsProps) {
  const [step, setStep] = useState<Step>('idle');
  const [title, setTitle] = useState('');
  const [error, setError] = useState<string | undefined>();

  const act = async (work: () => Promise<void>) => {
    setError(undefined);
    try {
      await work();
      setStep('idle');
    } catch (failure) {
      setError(describeError(failure));
    }
  };
  const rename = () =>
    act(async () => {
      await api.request(WebRenameConversationDocument, { input: { id: conversation.id, title: title.trim() } });
      onChanged();
    });
  const remove = () =>
    act(async () => {
      await api.request(WebDeleteConversationDocument, { id: conversation.id });
      onDeleted();
    });

  return (
    <div class="conversation-actions">
      {step === 'idle' ? (
        <>
          <button
            type="button"
            class="secondary"
            onClick={() => {
              setTitle(conversation.title ?? '');
              setStep('renaming');
            }}
          >
            Rename
          </button>
          <button type="button" class="secondary" onClick={() => setStep('confirming')}>
            Delete
          </button>
        </>
      ) : null}
      {step === 'renaming' ? (
        <form
          class="inline-form"
          onSubmit={(event) => {
            event.preventDefault();
            void rename();
          }}
        >
          <label for="conversation-title" class="visually-hidden">
            Conversation title
          </label>
          <input
            id="conversation-title"
            value={title}
            maxLength={120}
            required
            onInput={(event) => setTitle(event.currentTarget.value)}
            onKeyDown={(event) => event.key === 'Escape' && setStep('idle')}
          />
          <button type="submit" disabled={title.trim() === ''}>
            Save
          </button>
          <button type="button" class="secondary" onClick={() => setStep('idle')}>
            Cancel
          </button>
        </form>
      ) : null}
      {step === 'confirming' ? (
        <fieldset class="inline-form">
          <legend>Delete this conversation and its messages?</legend>
          <button type="button" class="danger" onClick={() => void remove()}>
            Delete conversation
          </button>
          <button type="button" class="secondary" onClick={() => setStep('idle')}>
            Keep it
          </button>
        </fieldset>
      ) : null}
      {error ? (
        <p class="error" role="alert">
          {error}
        </p>
      ) : null}
    </div>
  );
}
