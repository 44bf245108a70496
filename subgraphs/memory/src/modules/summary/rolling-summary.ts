import { ENGLISH_STOP_WORDS } from '../lexical/english-stop-words.ts';
import { parseSummaryState, type SummaryLine, type Speaker, serialiseSummaryState } from './summary-state.ts';

export type { Speaker } from './summary-state.ts';

/**
 * Turns the reply prompt shows in full (the conversation subgraph's REPLY_HISTORY_MESSAGES
 * default): the summary covers only what is older, so it never repeats them.
 */
export const SUMMARY_RECENT_TURNS = 40;
/** The most characters the rendered summary may have. */
export const SUMMARY_MAX_CHARS = 1_200;
const SENTENCE_MAX_CHARS = 140;
/** A sentence this weak ("haha ok", "Thanks!") is not worth a line. */
const MIN_SCORE = 2;

const plain = (content: string): string =>
  content
    .replace(/```[\s\S]*?```/gu, ' ')
    .replace(/[*_`#>~|]+/gu, '')
    .replace(/\s+/gu, ' ')
    .trim();
const cut = (text: string): string =>
  text.length > SENTENCE_MAX_CHARS ? `${text.slice(0, SENTENCE_MAX_CHARS - 1).trimEnd()}…` : text;

/**
 * How much a sentence says: its content words, more for names and numbers, more for what the
 * person says about themselves ("I", "my"), less for a question (it asks, it does not tell).
 */
export function sentenceScore(sentence: string, speaker: Speaker): number {
  const words = sentence.match(/[\p{L}\p{N}']+/gu) ?? [];
  let score = 0;
  for (const [index, word] of words.entries()) {
    const lower = word.toLowerCase().replace(/'/gu, '');
    if (ENGLISH_STOP_WORDS.has(lower)) continue;
    score += 1;
    if (/\p{N}/u.test(word) || (index > 0 && /^\p{Lu}/u.test(word))) score += 1;
  }
  if (/\b(?:i|my|i'm|i've|we|our)\b/iu.test(sentence)) score *= 1.5;
  if (sentence.trimEnd().endsWith('?')) score *= 0.5;
  if (speaker === 'Companion') score *= 0.6;
  return Math.round(score * 100) / 100;
}

/** A turn's most informative sentence (the first of equals), without markdown, cut at ~140 characters. */
export function keySentence(content: string, speaker: Speaker): SummaryLine | null {
  const sentences = plain(content).match(/[^.!?…]+(?:[.!?…]+|$)/gu) ?? [];
  let best: SummaryLine | null = null;
  for (const raw of sentences) {
    const text = raw.trim();
    if (text.length === 0) continue;
    const score = sentenceScore(text, speaker);
    if (!best || score > best.score) best = { speaker, text: cut(text), score };
  }
  return best;
}

const length = (lines: SummaryLine[]): number => lines.reduce((sum, line) => sum + line.speaker.length + line.text.length + 3, 0);

/**
 * A rolling extractive summary of the older part of a conversation: each turn waits among the
 * recent SUMMARY_RECENT_TURNS (which the prompt shows anyway); when it falls out of them its most
 * informative sentence joins the summary, unless too weak or already there. Over
 * SUMMARY_MAX_CHARS the least informative line goes first (the oldest of equals), so an early
 * "my sister is called Anna" outlives later small talk. Cheap and deterministic: no model call
 * per message, and what it says was said in the conversation. Returns the state to store.
 */
export function rollSummary(previous: string | null | undefined, speaker: Speaker, content: string): string | null {
  const state = parseSummaryState(previous);
  const line = keySentence(content, speaker);
  if (!line) return previous ?? null;
  state.recent.push(line);
  while (state.recent.length > SUMMARY_RECENT_TURNS) {
    const old = state.recent.shift();
    if (!old || old.score < MIN_SCORE) continue;
    if (state.lines.some((kept) => kept.text.toLowerCase() === old.text.toLowerCase())) continue;
    state.lines.push(old);
  }
  while (state.lines.length > 1 && length(state.lines) > SUMMARY_MAX_CHARS) {
    let weakest = 0;
    for (const [index, kept] of state.lines.entries()) if (kept.score < (state.lines[weakest]?.score ?? 0)) weakest = index;
    state.lines.splice(weakest, 1);
  }
  return serialiseSummaryState(state);
}
