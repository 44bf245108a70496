import { useRef, useState } from 'preact/hooks';

interface ComposerProps {
  busy: boolean;
  onSend: (content: string) => Promise<boolean>;
  onStop: () => void;
}

/** The message box: Enter sends, Shift+Enter breaks the line, Escape stops a streaming reply. */
export function Composer({ busy, onSend, onStop }: ComposerProps) {
  const [text, setText] = useState('');
  const [sending, setSending] = useState(false);
  const input = useRef<HTMLTextAreaElement>(null);

  const submit = async () => {
    const content = text.trim();
    if (!content || sending || busy) return;
    setSending(true);
    const ok = await onSend(content);
    setSending(false);
    if (ok) setText('');
    input.current?.focus();
  };

  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key === 'Enter' && !event.shiftKey && !event.isComposing) {
      event.preventDefault();
      void submit();
    } else if (event.key === 'Escape' && busy) {
      event.preventDefault();
      onStop();
    }
  };

  return (
    <form
      class="composer"
      onSubmit={(event) => {
        event.preventDefault();
        void submit();
      }}
    >
      <label for="message" class="visually-hidden">
        Message
      </label>
      <textarea
        id="message"
        ref={input}
        rows={1}
        maxLength={4000}
        placeholder="Say something to MIYU…"
        value={text}
        onInput={(event) => setText(event.currentTarget.value)}
        onKeyDown={onKeyDown}
      />
      {busy ? (
        <button type="button" class="secondary" onClick={onStop}>
          Stop
        </button>
      ) : (
        <button type="submit" disabled={sending || text.trim() === ''}>
          Send
        </button>
      )}
    </form>
  );
}
