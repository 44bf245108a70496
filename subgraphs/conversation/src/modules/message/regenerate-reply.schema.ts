import type { Builder } from '../../builder.ts';
import { requireUser } from '@miyu/graphql/require-user';
import type { MessageTypes } from './message.schema.ts';
import { regenerateReply } from './regenerate-reply.ts';
import type { ReplyStarter } from './reply-starter.ts';

export function defineRegenerateReply(
  builder: Builder,
  refs: { MessageRef: MessageTypes['MessageRef'] },
  deps: { replies: ReplyStarter },
) {
  builder.mutationField('regenerateReply', (t) =>
    t.field({
      type: refs.MessageRef,
      description:
        'Replaces the last reply of its conversation (complete or failed: also "retry") with a new PENDING one; follow it with replyStream.',
      args: { messageId: t.arg.id({ required: true, description: 'The reply to replace.' }) },
      resolve: async (_root, { messageId }, ctx) => {
        const reply = await regenerateReply(ctx.em, requireUser(ctx.userId), String(messageId));
        // The job starts at once; a process that stops first leaves a PENDING reply that the
        // next start's recovery re-enqueues.
        deps.replies.start(reply);
        return reply;
      },
    }),
  );
}
