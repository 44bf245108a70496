import type { Logger } from '@miyu/platform/logger';
import { completeReply } from '@miyu/sdk/complete-reply';
import { SendMessageDocument } from '@miyu/sdk/gql/graphql';
import { MiyuRequestError } from '@miyu/sdk/miyu-client';
import type { SessionCache } from '@miyu/sdk/session-cache';
import type { XMetrics } from '../ops/x-metrics.ts';
import type { XState } from '../state/x-state.ts';
import { markdownToPlainText } from '../thread/plain-text.ts';
import { splitThread } from '../thread/split-thread.ts';
import type { Mention } from '../x-api/x-api.ts';
import { conversationFor } from './conversation-for.ts';

export interface AnswerParts {
  sessions: SessionCache;
  state: XState;
  metrics: XMetrics;
  logger: Logger;
  dryRun: boolean;
  signal: AbortSignal;
  /** Posts one reply (waiting out rate limits); returns its id. */
  post(text: string, toTweetId: string): Promise<string>;
}

const FALLBACK_TEXT = 'Sorry, I lost my words there. Could you ask me again?';
const MAX_CONTENT = 4_000;

/** The words addressed to her: the @handles a reply starts with (hers and the thread's) removed. */
export function mentionText(text: string): string {
  return text
    .replace(/^(?:\s*@\w{1,15})+/u, '')
    .trim()
    .slice(0, MAX_CONTENT);
}

/**
 * One mention: its author becomes (or is) a MIYU user through platformSession, the text goes to
 * MIYU with clientMessageId `x:<tweet id>` (handled twice, it returns the same reply), and the
 * complete reply, Markdown taken out, is posted as a numbered thread under the mention,
 * continuing after the posts a previous run already sent.
 */
export async function answerMention(parts: AnswerParts, mention: Mention): Promise<void> {
  const content = mentionText(mention.text);
  if (!content) {
    parts.metrics.mentions.inc({ outcome: 'empty' });
    return;
  }
  const account = { externalId: mention.authorId, username: mention.username, displayName: mention.name };
  const { client } = await parts.sessions.sessionFor(account);
  const send = (conversationId: string) =>
    client.request(SendMessageDocument, { input: { conversationId, content, clientMessageId: `x:${mention.id}` } });
  let replyId: string;
  try {
    const sent = await send(await conversationFor(client, parts.state, mention.authorId)).catch(async (error: unknown) => {
      // the remembered conversation is gone (deleted, another database): start a new one once
      if (!(error instanceof MiyuRequestError) || error.code !== 'NOT_FOUND') throw error;
      return send(await conversationFor(client, parts.state, mention.authorId, true));
    });
    replyId = sent.sendMessage.reply.id;
  } catch (error) {
    if (!(error instanceof MiyuRequestError)) throw error;
    parts.metrics.mentions.inc({ outcome: 'refused' });
    parts.logger.warn({ code: error.code, mentionId: mention.id }, 'MIYU refused a mention');
    return;
  }
  const reply = await completeReply(client, replyId, { signal: parts.signal });
  // X shows no Markdown: the model's markers are taken out before the reply is cut into posts
  const plain = markdownToPlainText(reply);
  const posts = splitThread(plain ? plain : FALLBACK_TEXT);
  if (parts.dryRun) {
    parts.logger.info({ mentionId: mention.id, posts }, 'dry run: would post this thread');
    parts.metrics.mentions.inc({ outcome: 'dry_run' });
    return;
  }
  const posted = parts.state.progress(mention.id).postIds;
  for (let index = posted.length; index < posts.length; index += 1) {
    const replyTo = index === 0 ? mention.id : (posted[index - 1] as string);
    const id = await parts.post(posts[index] as string, replyTo);
    posted.push(id);
    parts.state.recordPost(mention.id, id);
    parts.metrics.posts.inc();
  }
  parts.metrics.mentions.inc({ outcome: 'answered' });
}
