import { hasScope } from '@miyu/auth/principal';
import { errors } from '@miyu/platform/errors';
import type { Builder } from '../../builder.ts';
import { requireUser } from '@miyu/graphql/require-user';
import type { MessageTypes } from '../message/message.schema.ts';
import { openReplyStream, type ReplyChunkPayload, type ReplyStreamDeps } from './reply-stream.ts';

export function defineReplyStreamTypes(
  builder: Builder,
  refs: { MessageRef: MessageTypes['MessageRef'] },
  deps: ReplyStreamDeps,
) {
  const ReplyChunkRef = builder.objectRef<ReplyChunkPayload>('ReplyChunk').implement({
    description: 'One piece of a streamed reply. The text so far is the concatenation of `delta`s since the last `reset`.',
    fields: (t) => ({
      messageId: t.exposeID('messageId'),
      seq: t.exposeInt('seq', { description: '0, 1, 2, ... per reply; a resumed stream continues after afterSeq.' }),
      delta: t.exposeString('delta'),
      done: t.exposeBoolean('done', { description: 'The last chunk; `message` holds the stored reply.' }),
      message: t.field({
        type: refs.MessageRef,
        nullable: true,
        description: 'Set on the final chunk.',
        resolve: (chunk) => chunk.message,
      }),
      reset: t.exposeBoolean('reset', {
        description: 'Discard the text received so far; the reply restarts (e.g. a fallback model took over).',
      }),
    }),
  });

  builder.subscriptionField('replyStream', (t) =>
    t.field({
      type: ReplyChunkRef,
      description: 'Chunks of a reply after `afterSeq` (all when omitted), live until the final chunk.',
      args: { messageId: t.arg.id({ required: true }), afterSeq: t.arg.int() },
      // Shield guards `resolve` (per event); the subscription itself is checked here, up front.
      subscribe: (_root, args, ctx) => {
        const userId = requireUser(ctx.userId);
        if (!hasScope(ctx.principal, 'conversations:read')) throw errors.forbidden('Not authorised.');
        return openReplyStream(deps, userId, args.messageId, args.afterSeq ?? -1);
      },
      resolve: (payload) => payload,
    }),
  );
}
