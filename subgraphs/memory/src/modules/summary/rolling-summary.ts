/** Turns kept in a conversation summary, and the most characters it may have. */
export const SUMMARY_TURNS = 5;
export const SUMMARY_MAX_CHARS = 500;
const TOPIC_MAX_CHARS = 90;

export type Speaker = 'User' | 'Companion';

/** A turn's topic: its first sentence without markdown, whitespace collapsed, cut at ~90 chars. */
export function topicOf(content: string): string {
  const plain = content
    .replace(/```[\s\S]*?```/gu, ' ')
    .replace(/[*_`#>~|]+/gu, '')
    .replace(/\s+/gu, ' ')
    .trim();
  const first = plain.match(/^.*?[.!?…](?=\s|$)/u)?.[0] ?? plain;
  return first.length > TOPIC_MAX_CHARS ? `${first.slice(0, TOPIC_MAX_CHARS - 1).trimEnd()}…` : first;
}

/**
 * An extractive rolling summary: one line per turn ("User: …" / "Companion: …", the turn's first
 * sentence), the newest SUMMARY_TURNS kept, oldest dropped first to stay within
 * SUMMARY_MAX_CHARS. Cheap and deterministic: no model call per message, and what it says was
 * said in the conversation.
 */
export function rollSummary(previous: string | null | undefined, speaker: Speaker, content: string): string | null {
  const topic = topicOf(content);
  const lines = (previous ?? '').split('\n').filter((line) => line.trim().length > 0);
  if (topic.length === 0) return lines.length > 0 ? lines.join('\n') : null;
  lines.push(`${speaker}: ${topic}`);
  let kept = lines.slice(-SUMMARY_TURNS);
  while (kept.length > 1 && kept.join('\n').length > SUMMARY_MAX_CHARS) kept = kept.slice(1);
  return kept.join('\n').slice(0, SUMMARY_MAX_CHARS);
}
