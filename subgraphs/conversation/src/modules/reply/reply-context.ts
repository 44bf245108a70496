import type { ConversationMode, ReplyContext } from '@miyu/llm/llm-provider';
import type { Logger } from '@miyu/platform/logger';
import { injectTraceHeaders } from '@miyu/platform/tracing/propagation';
import { DEFAULT_CONTEXT_TIMEOUT_MS } from './reply-context-settings.ts';

/**
 * Why a reply's context is not complete: no router configured, the query timed out, it failed
 * (network, HTTP or unreadable answer: the minimal context is used), or some fields came back
 * with errors (what could be read is used).
 */
export type ContextGap = 'unconfigured' | 'timeout' | 'unavailable' | 'partial';

/** Whether the context query answered in full; stored on the reply as `contextComplete`. */
export type ContextCompleteness = { complete: true } | { complete: false; reason: ContextGap };

/** What the router tells us about the user and the companion for one reply. */
export type GatheredContext = Omit<ReplyContext, 'userMessage' | 'history'> & { completeness: ContextCompleteness };

export interface RouterAccess {
  /** The router's GraphQL endpoint; undefined when there is no router (context stays minimal). */
  url: () => string | undefined;
  /** The pipeline credential that may act for a user (x-miyu-act-as). */
  serviceSecret: string | undefined;
}

export const REPLY_CONTEXT_QUERY = `query ReplyContext($text: String!, $conversationId: ID!) {
  me { displayName companion { mode mood { label pleasure arousal }
      persona { name description greeting systemPrompt personality scenario exampleMessages postHistoryInstructions } }
    recall(query: $text, limit: 8) { score memory { kind content } }
    quests(status: ACTIVE) { status quest { title } } }
  conversation(id: $conversationId) { summary }
  analyzeEmotion(text: $text) { primary intensity valence }
}`;

export const DEFAULT_PERSONA: GatheredContext['persona'] = {
  name: 'Miyu',
  description: 'A warm, curious AI companion who remembers what matters to you.',
  greeting: 'Hi {name}! I am Miyu. How are you today?',
};

/** Used when the router cannot be asked: the reply still comes, as MIYU without memories. */
export const minimalContext = (completeness: ContextCompleteness = { complete: true }): GatheredContext => ({
  persona: DEFAULT_PERSONA,
  mode: 'CASUAL',
  memories: [],
  quests: [],
  completeness,
});

interface ContextData {
  me?: {
    displayName?: string;
    companion?: { mode: ConversationMode; persona: GatheredContext['persona']; mood?: GatheredContext['mood'] } | null;
    recall?: { score: number; memory: { kind: string; content: string } }[] | null;
    quests?: { status: string; quest: { title: string } }[] | null;
  } | null;
  conversation?: { summary?: string | null } | null;
  analyzeEmotion?: GatheredContext['emotion'] | null;
}

/**
 * Gathers the reply's context with ONE federated query through the router, acting as the user.
 * Every failure (no router, no credential, timeout, errors) degrades to what could be read, or to
 * the minimal context: context makes a reply better, it never stops one.
 */
export async function gatherReplyContext(
  router: RouterAccess,
  request: ContextRequest,
  logger: Logger,
): Promise<GatheredContext> {
  const url = router.url();
  if (!url || !router.serviceSecret) {
    logger.debug('no router or pipeline credential configured; replying with minimal context');
    return minimalContext({ complete: false, reason: 'unconfigured' });
  }
  const timeoutMs = request.timeoutMs ?? DEFAULT_CONTEXT_TIMEOUT_MS;
  try {
    const response = await fetch(url, {
      method: 'POST',
      // the reply job's traceparent: the router's spans of this query join the reply's trace
      headers: injectTraceHeaders({
        'content-type': 'application/json',
        authorization: `Bearer ${router.serviceSecret}`,
        'x-miyu-act-as': request.userId,
      }),
      body: JSON.stringify({
        query: REPLY_CONTEXT_QUERY,
        variables: { text: request.text, conversationId: request.conversationId },
      }),
      signal: AbortSignal.timeout(timeoutMs),
    });
    const body = (await response.json()) as { data?: ContextData | null; errors?: { message: string }[] };
    if (!body.data) {
      logger.warn({ status: response.status, errors: body.errors?.map((e) => e.message) }, 'reply context unavailable');
      return minimalContext({ complete: false, reason: 'unavailable' });
    }
    if (body.errors?.length) {
      logger.warn({ errors: body.errors.map((e) => e.message), status: response.status }, 'reply context partly unavailable');
      return toGathered(body.data, { complete: false, reason: 'partial' });
    }
    return toGathered(body.data);
  } catch (error) {
    const timedOut = error instanceof DOMException && error.name === 'TimeoutError';
    logger.warn({ err: error, timeoutMs }, 'reply context unavailable; replying with minimal context');
    return minimalContext({ complete: false, reason: timedOut ? 'timeout' : 'unavailable' });
  }
}

export interface ContextRequest {
  userId: string;
  /** The new message: memories are recalled and its emotion read for it. */
  text: string;
  /** Its conversation: the rolling summary is read for it. */
  conversationId: string;
  timeoutMs?: number;
}

export function toGathered(data: ContextData, completeness: ContextCompleteness = { complete: true }): GatheredContext {
  const base = minimalContext(completeness);
  const me = data.me;
  const companion = me?.companion;
  return {
    ...base,
    ...(me?.displayName ? { userName: me.displayName } : {}),
    ...(companion ? { persona: companion.persona, mode: companion.mode } : {}),
    ...(companion?.mood ? { mood: companion.mood } : {}),
    ...(data.analyzeEmotion ? { emotion: data.analyzeEmotion } : {}),
    ...(data.conversation?.summary ? { summary: data.conversation.summary } : {}),
    memories: (me?.recall ?? []).map(({ score, memory }) => ({ kind: memory.kind, content: memory.content, score })),
    quests: (me?.quests ?? []).map(({ status, quest }) => ({ status, title: quest.title })),
  };
}
