import type { Builder } from '../../builder.ts';
import type { ContextPrefetch, PrefetchHandle } from '../reply/context-prefetch.ts';
import { requireUser } from '../../shared/require-user.ts';
import type { MessageTypes } from './message.schema.ts';
import { type SentMessage, sendMessage } from './send-message.ts';

export interface SendMessageDeps {
  now: () => Date;
  /** Called after the commit: the outbox relay publishes at once instead of on its next poll. */
  onOutboxWrite: () => void;
  /**
   * Called after the commit with the new reply: starts its job without waiting for the relay
   * (which enqueues it too, as the durable path; the job id dedupes the two).
   */
  onReplyPending?: (reply: { id: string; userId: string }) => void;
  /** Starts the reply's context query while the message is written (see context-prefetch.ts). */
  prefetch?: Pick<ContextPrefetch, 'start'>;
}

export function defineSendMessage(builder: Builder, refs: { MessageRef: MessageTypes['MessageRef'] }, deps: SendMessageDeps) {
  const SendMessagePayload = builder.objectRef<SentMessage>('SendMessagePayload').implement({
    fields: (t) => ({
      message: t.field({ type: refs.MessageRef, resolve: (sent) => sent.message }),
      reply: t.field({
        type: refs.MessageRef,
        description: 'PENDING at first; follow it with replyStream.',
        resolve: (sent) => sent.reply,
      }),
    }),
  });

  const SendMessageInput = builder.inputType('SendMessageInput', {
    fields: (t) => ({
      conversationId: t.id({ required: true }),
      content: t.string({ required: true, description: '1 to 4,000 characters after trimming.' }),
      clientMessageId: t.string({ description: 'Idempotency key (<= 100 chars): a repeat returns the first message and reply.' }),
    }),
  });

  builder.mutationField('sendMessage', (t) =>
    t.field({
      type: SendMessagePayload,
      args: { input: t.arg({ type: SendMessageInput, required: true }) },
      resolve: async (_root, { input }, ctx) => {
        const userId = requireUser(ctx.userId);
        let prefetched: PrefetchHandle | undefined;
        const sent = await sendMessage(ctx.em, userId, input, deps.now, (content) => {
          prefetched = deps.prefetch?.start(userId, content);
        });
        deps.onOutboxWrite();
        if (sent.reply.status === 'PENDING') {
          prefetched?.keep(sent.reply.id);
          deps.onReplyPending?.(sent.reply);
        }
        return sent;
      },
    }),
  );
}
