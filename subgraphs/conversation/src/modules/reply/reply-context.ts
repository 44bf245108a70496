import type { ConversationMode, ReplyContext } from '@miyu/llm/llm-provider';
import type { Logger } from '@miyu/platform/logger';

/** What the router tells us about the user and the companion for one reply. */
export type GatheredContext = Omit<ReplyContext, 'userMessage' | 'history'>;

export interface RouterAccess {
  /** The router's GraphQL endpoint; undefined when there is no router (context stays minimal). */
  url: () => string | undefined;
  /** The pipeline credential that may act for a user (x-miyu-act-as). */
  serviceSecret: string | undefined;
}

export const REPLY_CONTEXT_QUERY = `query ReplyContext($text: String!) {
  me { displayName companion { mode persona { name description greeting } mood { label pleasure arousal } }
    recall(query: $text, limit: 5) { score memory { kind content } }
    quests(status: ACTIVE) { status quest { title } } }
  analyzeEmotion(text: $text) { primary intensity valence }
}`;

export const DEFAULT_PERSONA: GatheredContext['persona'] = {
  name: 'Miyu',
  description: 'A warm, curious AI companion who remembers what matters to you.',
  greeting: 'Hi {name}! I am Miyu. How are you today?',
};

/** Used when the router cannot be asked: the reply still comes, as MIYU without memories. */
export const minimalContext = (): GatheredContext => ({ persona: DEFAULT_PERSONA, mode: 'CASUAL', memories: [], quests: [] });

interface ContextData {
  me?: {
    displayName?: string;
    companion?: { mode: ConversationMode; persona: GatheredContext['persona']; mood?: GatheredContext['mood'] } | null;
    recall?: { score: number; memory: { kind: string; content: string } }[] | null;
    quests?: { status: string; quest: { title: string } }[] | null;
  } | null;
  analyzeEmotion?: GatheredContext['emotion'] | null;
}

/**
 * Gathers the reply's context with ONE federated query through the router, acting as the user.
 * Every failure (no router, no credential, timeout, errors) degrades to what could be read, or to
 * the minimal context: context makes a reply better, it never stops one.
 */
export async function gatherReplyContext(
  router: RouterAccess,
  request: { userId: string; text: string; timeoutMs?: number },
  logger: Logger,
): Promise<GatheredContext> {
  const url = router.url();
  if (!url || !router.serviceSecret) {
    logger.debug('no router or pipeline credential configured; replying with minimal context');
    return minimalContext();
  }
  try {
    const response = await fetch(url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        authorization: `Bearer ${router.serviceSecret}`,
        'x-miyu-act-as': request.userId,
      },
      body: JSON.stringify({ query: REPLY_CONTEXT_QUERY, variables: { text: request.text } }),
      signal: AbortSignal.timeout(request.timeoutMs ?? 5_000),
    });
    const body = (await response.json()) as { data?: ContextData | null; errors?: { message: string }[] };
    if (body.errors?.length)
      logger.warn({ errors: body.errors.map((e) => e.message), status: response.status }, 'reply context partly unavailable');
    return toGathered(body.data ?? {});
  } catch (error) {
    logger.warn({ err: error }, 'reply context unavailable; replying with minimal context');
    return minimalContext();
  }
}

export function toGathered(data: ContextData): GatheredContext {
  const base = minimalContext();
  const me = data.me;
  const companion = me?.companion;
  return {
    ...base,
    ...(me?.displayName ? { userName: me.displayName } : {}),
    ...(companion ? { persona: companion.persona, mode: companion.mode } : {}),
    ...(companion?.mood ? { mood: companion.mood } : {}),
    ...(data.analyzeEmotion ? { emotion: data.analyzeEmotion } : {}),
    memories: (me?.recall ?? []).map(({ score, memory }) => ({ kind: memory.kind, content: memory.content, score })),
    quests: (me?.quests ?? []).map(({ status, quest }) => ({ status, title: quest.title })),
  };
}
