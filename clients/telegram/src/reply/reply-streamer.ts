import type { Api } from 'grammy';
import { ReplyStreamDocument } from '@miyu/sdk/gql/graphql';
import type { MiyuClient } from '@miyu/sdk/miyu-client';
import { markdownToPlain, renderMarkdownV2 } from '../format/markdown-v2.ts';
import { splitMessage, TELEGRAM_MAX_CHARS } from '../format/split-message.ts';
import type { DeliveryProgress } from '../state/update-journal.ts';
import { isMethodMissing, isNotModified, isParseError, isUnreachable } from './bot-api-errors.ts';
import type { ChatThrottle } from './chat-throttle.ts';

export interface StreamReplyInput {
  client: MiyuClient;
  replyId: string;
  chatId: number;
  /** Groups: the message she answers (her reply quotes it). */
  replyToMessageId?: number;
  /** Stream into a draft (private chats, when the Bot API offers it) instead of an edited message. */
  draftId?: number;
  progress: DeliveryProgress;
  recordProgress(progress: DeliveryProgress): void;
  signal: AbortSignal;
  /** The "typing…" call when the caller already sent it (it settles, never rejects); else the streamer sends it. */
  typing?: Promise<void>;
  onFirstVisible?(): void;
}

export interface ReplyStreamerDeps {
  api: Api;
  throttle: ChatThrottle;
  /** Called once when sendMessageDraft turns out to be missing, so later replies stop trying it. */
  onDraftsUnsupported(): void;
}

export class ReplyAbortedError extends Error {
  constructor() {
    super('reply delivery stopped');
    this.name = 'ReplyAbortedError';
  }
}

const FALLBACK_TEXT = 'Sorry, I lost my words there. Could you say that again?';
const fitsTelegram = (part: string) => renderMarkdownV2(part).length <= TELEGRAM_MAX_CHARS;

/**
 * Shows one reply while it is written and leaves the complete text behind: "typing…", then the
 * text so far (a draft, or one message edited at most once a second per chat), then the final
 * reply as MarkdownV2 in parts of at most 4,096 characters, each part resent as plain text if
 * Telegram refuses its formatting. Progress is recorded after every message, so a replay edits
 * what is already there instead of sending it twice.
 */
export function createReplyStreamer(deps: ReplyStreamerDeps) {
  const { api, throttle } = deps;

  return async function streamReply(input: StreamReplyInput): Promise<{ parts: number }> {
    const { chatId } = input;
    const progress: DeliveryProgress = { messageIds: [...input.progress.messageIds], finalParts: input.progress.finalParts };
    let draftId = input.draftId;
    let text = '';
    let shown = '';
    let firstVisible = false;
    let pumping: Promise<void> | undefined;
    let previewFailed: unknown;
    const quote = input.replyToMessageId
      ? { reply_parameters: { message_id: input.replyToMessageId, allow_sending_without_reply: true } }
      : {};
    const visible = () => {
      if (firstVisible) return;
      firstVisible = true;
      input.onFirstVisible?.();
    };

    async function show(preview: string): Promise<void> {
      const cut = preview.slice(0, TELEGRAM_MAX_CHARS);
      if (draftId !== undefined) {
        try {
          await api.sendMessageDraft(chatId, draftId, cut);
          return;
        } catch (error) {
          if (!isMethodMissing(error)) throw error;
          deps.onDraftsUnsupported();
          draftId = undefined;
        }
      }
      const first = progress.messageIds[0];
      if (first === undefined) {
        const sent = await api.sendMessage(chatId, cut, quote);
        progress.messageIds.push(sent.message_id);
        input.recordProgress(progress);
      } else {
        await api.editMessageText(chatId, first, cut).catch((error: unknown) => {
          if (!isNotModified(error)) throw error;
        });
      }
    }

    function requestShow(): void {
      if (pumping || previewFailed !== undefined || progress.finalParts > 0) return;
      pumping = (async () => {
        await typing;
        while (text.trim() && text !== shown && !input.signal.aborted) {
          await throttle.take(chatId);
          const preview = text;
          await show(preview);
          shown = preview;
          visible();
        }
      })()
        .catch((error: unknown) => {
          // previews are best effort: no more of them; the final delivery decides (or the chat is gone)
          previewFailed = error;
        })
        .finally(() => {
          pumping = undefined;
        });
    }

    async function deliverPart(part: string, target: number | undefined, extra: object): Promise<number> {
      const formatted = renderMarkdownV2(part);
      const plain = markdownToPlain(part).slice(0, TELEGRAM_MAX_CHARS);
      if (target !== undefined) {
        await api.editMessageText(chatId, target, formatted, { parse_mode: 'MarkdownV2' }).catch(async (error: unknown) => {
          if (isNotModified(error)) return;
          if (!isParseError(error)) throw error;
          await api.editMessageText(chatId, target, plain).catch((again: unknown) => {
            if (!isNotModified(again)) throw again;
          });
        });
        return target;
      }
      const sent = await api.sendMessage(chatId, formatted, { parse_mode: 'MarkdownV2', ...extra }).catch((error: unknown) => {
        if (!isParseError(error)) throw error;
        return api.sendMessage(chatId, plain, extra);
      });
      return sent.message_id;
    }

    // "typing…" goes out while the reply stream is being subscribed at the latest, not before it:
    // the first text still waits for it (typing shows first)
    const typing =
      input.typing ??
      api.sendChatAction(chatId, 'typing').then(
        () => undefined,
        () => undefined,
      );
    let content: string;
    try {
      content = await follow(input, (delta, reset) => {
        text = reset ? delta : text + delta;
        requestShow();
      });
    } finally {
      // the last preview is recorded before the final text replaces it, or before a stop returns
      // (so the next run's journal knows every message this one sent)
      await pumping;
    }
    await typing;
    if (input.signal.aborted) throw new ReplyAbortedError();
    // blocked, or the chat is gone: the final text would be refused the same way
    if (isUnreachable(previewFailed)) throw previewFailed;

    const parts = splitMessage(content.trim() ? content : FALLBACK_TEXT, fitsTelegram);
    for (let index = progress.finalParts; index < parts.length; index += 1) {
      const target = progress.messageIds[index];
      // an edit right after the last preview edit, or a second message, waits for its turn
      if (target !== undefined || index > 0) await throttle.take(chatId);
      const messageId = await deliverPart(parts[index] ?? '', target, index === 0 ? quote : {});
      progress.messageIds[index] = messageId;
      progress.finalParts = index + 1;
      input.recordProgress(progress);
      visible();
    }
    return { parts: parts.length };
  };
}

/** Follows the reply stream from its start (a replay gets every chunk again) to the stored reply. */
async function follow(input: StreamReplyInput, onText: (delta: string, reset: boolean) => void): Promise<string> {
  const stream = input.client.subscribe(ReplyStreamDocument, { messageId: input.replyId, afterSeq: -1 });
  const aborted = new Promise<'aborted'>((resolve) => {
    if (input.signal.aborted) resolve('aborted');
    input.signal.addEventListener('abort', () => resolve('aborted'), { once: true });
  });
  try {
    for (;;) {
      const next = await Promise.race([stream.next(), aborted]);
      if (next === 'aborted') throw new ReplyAbortedError();
      if (next.done) return '';
      const chunk = next.value.replyStream;
      onText(chunk.delta, chunk.reset);
      if (chunk.done) return chunk.message?.content ?? '';
    }
  } finally {
    void stream.return(undefined);
  }
}
