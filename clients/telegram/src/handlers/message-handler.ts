import type { Context } from 'grammy';
import { SendMessageDocument } from '@miyu/sdk/gql/graphql';
import { MiyuRequestError } from '@miyu/sdk/miyu-client';
import { retryRetryable } from '../miyu/retry-retryable.ts';
import { ReplyAbortedError } from '../reply/reply-streamer.ts';
import { textAddressedToHer } from './group-filter.ts';
import { answerForCode, KIND_ANSWERS } from './kind-answers.ts';
import { sessionOf, type WorkerParts } from './worker-context.ts';

/**
 * Every message that is not a command: text (or a caption) goes to MIYU and her reply is streamed
 * back; anything she cannot read gets a kind answer. In groups, only what is addressed to her.
 */
export function createMessageHandler(parts: WorkerParts) {
  return async function onMessage(ctx: Context): Promise<void> {
    const message = ctx.message;
    if (!message || !ctx.chat || !ctx.from || ctx.from.is_bot) {
      parts.metrics.updates.inc({ kind: 'ignored' });
      return;
    }
    const raw = message.text ?? message.caption;
    const entities = message.entities ?? message.caption_entities;
    const addressed = raw === undefined ? null : textAddressedToHer(message, ctx.me, raw, entities);
    if (ctx.chat.type !== 'private' && addressed === null) {
      // not for her: stay silent and store nothing (a photo in a group is not for her either)
      const repliesToHer = message.reply_to_message?.from?.id === ctx.me.id;
      if (raw !== undefined || !repliesToHer) {
        parts.metrics.updates.inc({ kind: 'ignored' });
        return;
      }
    }
    const quote = ctx.chat.type === 'private' ? {} : { reply_parameters: { message_id: message.message_id } };
    if (addressed === null) {
      parts.metrics.updates.inc({ kind: 'unsupported' });
      await ctx.reply(KIND_ANSWERS.notText, quote);
      return;
    }
    if (!addressed.trim()) {
      parts.metrics.updates.inc({ kind: 'unsupported' });
      await ctx.reply(KIND_ANSWERS.empty, quote);
      return;
    }
    parts.metrics.updates.inc({ kind: 'text' });
    await answer(ctx, addressed, message.message_id);
  };

  async function answer(ctx: Context, text: string, messageId: number): Promise<void> {
    const chatId = ctx.chat!.id;
    const updateId = ctx.update.update_id;
    // "typing…" as soon as the message is hers to answer: the call is on its way while MIYU takes
    // the message, so the first draft (which waits for it, typing shows first) never waits long
    const typing = parts.api.sendChatAction(chatId, 'typing').then(
      () => undefined,
      () => undefined,
    );
    const { client, userId } = await sessionOf(parts, ctx);
    const clientMessageId = `tg:${chatId}:${messageId}`;
    // busy or briefly unreachable: the same clientMessageId again, which never makes a second message
    const send = async (conversationId: string) =>
      retryRetryable(() => client.request(SendMessageDocument, { input: { conversationId, content: text, clientMessageId } }));
    let sent: Awaited<ReturnType<typeof send>>;
    try {
      sent = await send(await parts.conversations.conversationFor(client, chatId, userId)).catch(async (error: unknown) => {
        // the remembered conversation is gone (deleted, another database): start a new one once
        if (!(error instanceof MiyuRequestError) || error.code !== 'NOT_FOUND') throw error;
        return send(await parts.conversations.startFresh(client, chatId, userId));
      });
    } catch (error) {
      if (!(error instanceof MiyuRequestError)) throw error;
      parts.logger.warn({ code: error.code, chatId }, 'MIYU refused a message');
      await typing;
      await ctx.reply(
        answerForCode(error.code),
        ctx.chat!.type === 'private' ? {} : { reply_parameters: { message_id: messageId } },
      );
      return;
    }
    const started = parts.receivedAt.get(updateId) ?? performance.now();
    try {
      await parts.streamReply({
        client,
        replyId: sent.sendMessage.reply.id,
        chatId,
        typing,
        ...(ctx.chat!.type === 'private' ? {} : { replyToMessageId: messageId }),
        ...(ctx.chat!.type === 'private' && parts.drafts.enabled ? { draftId: messageId } : {}),
        progress: parts.journal.progress(updateId),
        recordProgress: (progress) => parts.journal.recordProgress(updateId, progress),
        signal: parts.stopping,
        onFirstVisible: () =>
          parts.metrics.replyLatency.observe({ phase: 'first_visible' }, (performance.now() - started) / 1000),
      });
      parts.metrics.replyLatency.observe({ phase: 'final' }, (performance.now() - started) / 1000);
      parts.metrics.replies.inc({ outcome: 'sent' });
    } catch (error) {
      if (error instanceof ReplyAbortedError) throw error;
      parts.metrics.replies.inc({ outcome: 'failed' });
      throw error;
    }
  }
}
