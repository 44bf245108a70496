import {
  WebCancelReplyDocument,
  WebConversationMessagesDocument,
  WebRegenerateReplyDocument,
  WebSendMessageDocument,
  WebStartConversationDocument,
} from '@miyu/sdk/gql/graphql';
import { useEffect, useRef, useState } from 'preact/hooks';
import { describeError, type WebApi } from '../api/web-api.ts';
import { ChatMessage, type ChatEntry } from './chat-message.tsx';
import { Composer } from './composer.tsx';
import { followReply } from './reply-stream.ts';

const PAGE = 30;

interface ChatViewProps {
  api: WebApi;
  conversationId: string | undefined;
  onConversationStarted: (id: string) => void;
  greeting: string | undefined;
  setStatus: (status: string | undefined) => void;
}

/** The conversation: history paged backwards on scroll, and the reply streaming into the log. */
export function ChatView({ api, conversationId, onConversationStarted, greeting, setStatus }: ChatViewProps) {
  const [entries, setEntries] = useState<ChatEntry[]>([]);
  const [cursor, setCursor] = useState<string | undefined>();
  const [streamingId, setStreamingId] = useState<string | undefined>();
  const [error, setError] = useState<string | undefined>();
  const logRef = useRef<HTMLDivElement>(null);
  const stop = useRef<AbortController | undefined>(undefined);
  const followingId = useRef<string | undefined>(undefined);
  const loadingOlder = useRef(false);
  const stick = useRef(true);

  const patch = (id: string, change: Partial<ChatEntry>) =>
    setEntries((list) => list.map((entry) => (entry.id === id ? { ...entry, ...change } : entry)));

  const follow = async (replyId: string) => {
    stop.current?.abort();
    const controller = new AbortController();
    stop.current = controller;
    followingId.current = replyId;
    setStreamingId(replyId);
    try {
      const result = await followReply(api, replyId, (progress) => patch(replyId, { content: progress.text }), {
        signal: controller.signal,
        onReconnecting: (reconnecting) => setStatus(reconnecting ? 'Reconnecting…' : undefined),
      });
      if (result.done) patch(replyId, { content: result.text, status: result.status ?? 'COMPLETE' });
    } catch (failure) {
      patch(replyId, { status: 'FAILED' });
      setError(describeError(failure));
    } finally {
      if (stop.current === controller) {
        stop.current = undefined;
        followingId.current = undefined;
        setStreamingId(undefined);
      }
    }
  };

  useEffect(() => {
    setEntries([]);
    setCursor(undefined);
    setError(undefined);
    stick.current = true;
    if (!conversationId) return;
    let live = true;
    api
      .request(WebConversationMessagesDocument, { id: conversationId, last: PAGE })
      .then((data) => {
        const page = data.conversation?.messages;
        if (!live || !page) return;
        // A first message may already be in the list (its conversation was just started): keep it.
        setEntries((list) => [...page.nodes, ...list.filter((entry) => !page.nodes.some((node) => node.id === entry.id))]);
        setCursor(page.pageInfo.hasPreviousPage ? (page.pageInfo.startCursor ?? undefined) : undefined);
        const last = page.nodes.at(-1);
        const unfinished = last && last.role === 'ASSISTANT' && (last.status === 'PENDING' || last.status === 'STREAMING');
        if (unfinished && followingId.current !== last.id) void follow(last.id);
      })
      .catch((failure) => live && setError(describeError(failure)));
    return () => {
      live = false;
      stop.current?.abort();
    };
  }, [api, conversationId]);

  useEffect(() => {
    const log = logRef.current;
    if (log && stick.current) log.scrollTop = log.scrollHeight;
  }, [entries]);

  const loadOlder = async () => {
    if (!conversationId || !cursor || loadingOlder.current) return;
    loadingOlder.current = true;
    const log = logRef.current;
    const fromBottom = log ? log.scrollHeight - log.scrollTop : 0;
    try {
      const data = await api.request(WebConversationMessagesDocument, { id: conversationId, last: PAGE, before: cursor });
      const page = data.conversation?.messages;
      if (!page) return;
      setEntries((list) => [...page.nodes.filter((node) => !list.some((entry) => entry.id === node.id)), ...list]);
      setCursor(page.pageInfo.hasPreviousPage ? (page.pageInfo.startCursor ?? undefined) : undefined);
      requestAnimationFrame(() => {
        if (log) log.scrollTop = log.scrollHeight - fromBottom;
      });
    } finally {
      loadingOlder.current = false;
    }
  };

  const onScroll = () => {
    const log = logRef.current;
    if (!log) return;
    stick.current = log.scrollHeight - log.scrollTop - log.clientHeight < 40;
    if (log.scrollTop < 60) void loadOlder();
  };

  const send = async (content: string) => {
    setError(undefined);
    stick.current = true;
    try {
      let id = conversationId;
      if (!id) {
        id = (await api.request(WebStartConversationDocument, { input: { platform: 'WEB', title: titleFrom(content) } }))
          .startConversation.id;
        onConversationStarted(id);
      }
      const sent = await api.request(WebSendMessageDocument, {
        input: { conversationId: id, content, clientMessageId: crypto.randomUUID() },
      });
      const { message, reply } = sent.sendMessage;
      setEntries((list) => [...list.filter((entry) => entry.id !== message.id && entry.id !== reply.id), message, reply]);
      void follow(reply.id);
      return true;
    } catch (failure) {
      setError(describeError(failure));
      return false;
    }
  };

  /** Stops the reply on the server: its stream then ends with the text so far. */
  const stopReply = async () => {
    const replyId = streamingId;
    if (!replyId) return;
    try {
      const reply = (await api.request(WebCancelReplyDocument, { messageId: replyId })).cancelReply;
      if (reply.status === 'COMPLETE' || reply.status === 'FAILED') {
        // The reply is final on the server: show it so, without waiting for its done chunk.
        if (stop.current && followingId.current === replyId) stop.current.abort();
        patch(replyId, { content: reply.content, status: reply.status });
      }
    } catch (failure) {
      stop.current?.abort();
      setError(describeError(failure));
    }
  };

  /** Regenerate (or retry a failed reply): the last reply is replaced by a new one that streams. */
  const regenerate = async (replyId: string) => {
    setError(undefined);
    stick.current = true;
    try {
      const reply = (await api.request(WebRegenerateReplyDocument, { messageId: replyId })).regenerateReply;
      setEntries((list) => [...list.filter((entry) => entry.id !== replyId && entry.id !== reply.id), reply]);
      void follow(reply.id);
    } catch (failure) {
      setError(describeError(failure));
    }
  };

  const busy = streamingId !== undefined;
  const last = entries.at(-1);
  const redoable =
    !busy && last?.role === 'ASSISTANT' && (last.status === 'COMPLETE' || last.status === 'FAILED') ? last : undefined;
  return (
    <section class="chat" aria-label="Chat">
      <div class="log" role="log" aria-label="Conversation" aria-busy={busy ? 'true' : 'false'} ref={logRef} onScroll={onScroll}>
        <ol class="messages">
          {cursor ? (
            <li class="older">
              <button type="button" class="link" onClick={() => void loadOlder()}>
                Load earlier messages
              </button>
            </li>
          ) : null}
          {entries.length === 0 && greeting ? (
            <li class="message hers greeting">
              <p class="bubble plain">{greeting}</p>
            </li>
          ) : null}
          {entries.map((entry) => (
            <ChatMessage key={entry.id} entry={entry} streaming={entry.id === streamingId} />
          ))}
          {redoable ? (
            <li class="redo">
              <button type="button" class="secondary" onClick={() => void regenerate(redoable.id)}>
                {redoable.status === 'FAILED' ? 'Retry' : 'Regenerate'}
              </button>
            </li>
          ) : null}
        </ol>
      </div>
      {error ? (
        <p class="error" role="alert">
          {error}
        </p>
      ) : null}
      <Composer busy={busy} onSend={send} onStop={() => void stopReply()} />
    </section>
  );
}

/** A new conversation is named after its first message, as chat apps do. */
function titleFrom(content: string): string {
  const line = content.split('\n')[0]!.trim();
  return line.length > 48 ? `${line.slice(0, 47)}…` : line;
}
