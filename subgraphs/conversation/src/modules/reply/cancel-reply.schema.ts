import type { Builder } from '../../builder.ts';
import { requireUser } from '@miyu/graphql/require-user';
import { type CancelReplyDeps, cancelReply } from './cancel-reply.ts';
import type { MessageTypes } from '../message/message.schema.ts';

export function defineCancelReply(builder: Builder, refs: { MessageRef: MessageTypes['MessageRef'] }, deps: CancelReplyDeps) {
  builder.mutationField('cancelReply', (t) =>
    t.field({
      type: refs.MessageRef,
      description:
        'Stops a reply while it streams: it becomes COMPLETE with the text so far and its stream ends. A final reply is returned unchanged.',
      args: { messageId: t.arg.id({ required: true, description: 'The reply to stop.' }) },
      resolve: (_root, { messageId }, ctx) => cancelReply(deps, requireUser(ctx.userId), String(messageId)),
    }),
  );
}
