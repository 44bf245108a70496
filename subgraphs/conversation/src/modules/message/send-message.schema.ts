import type { Builder } from '../../builder.ts';
import { requireUser } from '@miyu/graphql/require-user';
import type { AdmissionQueue } from '@miyu/platform/admission-queue';
import type { MessageTypes } from './message.schema.ts';
import { type SendMessageDeps, type SentMessage, sendMessage } from './send-message.ts';

export function defineSendMessage(
  builder: Builder,
  refs: { MessageRef: MessageTypes['MessageRef'] },
  deps: SendMessageDeps & { admission: AdmissionQueue },
) {
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
      // the cap and its short queue (send-admission.ts): refused before any work, or written promptly
      resolve: (_root, { input }, ctx) => {
        const userId = requireUser(ctx.userId);
        return deps.admission.run(() => sendMessage(ctx.em, userId, input, deps));
      },
    }),
  );
}
