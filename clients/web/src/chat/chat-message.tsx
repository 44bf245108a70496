import { useMemo } from 'preact/hooks';
import { createMarkdownRenderer } from './markdown.ts';

export interface ChatEntry {
  id: string;
  role: string;
  content: string;
  status: string;
}

let render: ((markdown: string) => string) | undefined;

/** One message: the user's as plain text, hers as sanitized Markdown. */
export function ChatMessage({ entry, streaming }: { entry: ChatEntry; streaming: boolean }) {
  const mine = entry.role === 'USER';
  const html = useMemo(() => {
    if (mine) return '';
    render ??= createMarkdownRenderer();
    return render(entry.content);
  }, [entry.content, mine]);
  const failed = entry.status === 'FAILED';
  return (
    <li class={`message ${mine ? 'mine' : 'hers'}${failed ? ' failed' : ''}`} data-status={entry.status}>
      <span class="visually-hidden">{mine ? 'You:' : 'MIYU:'}</span>
      {mine ? (
        <p class="bubble plain">{entry.content}</p>
      ) : (
        <div class="bubble markdown">
          {/* sanitized by DOMPurify in createMarkdownRenderer */}
          <div dangerouslySetInnerHTML={{ __html: html }} />
          {streaming && entry.content === '' ? <span class="typing" role="img" aria-label="MIYU is typing" /> : null}
          {streaming && entry.content !== '' ? <span class="caret" aria-hidden="true" /> : null}
          {failed ? <p class="note">This reply failed.</p> : null}
        </div>
      )}
    </li>
  );
}
