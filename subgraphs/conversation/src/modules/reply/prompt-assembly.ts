import type { ChatMessage } from '@miyu/llm/llm-provider';
import {
  countPromptTokens,
  countTextTokens,
  MESSAGE_OVERHEAD_TOKENS,
  REPLY_PRIMING_TOKENS,
  truncateToTokens,
} from './token-counter.ts';

/** The pieces of one prompt, before the budget decides what goes in. */
export interface PromptParts {
  /** Always sent, first: the main prompt, the card's definition and the reply's circumstances. */
  system: string;
  /** Always sent, last in the system message: the platform's rules. */
  rules: string;
  /** The new message: always sent. */
  userMessage: string;
  /** Card V2 post_history_instructions: always sent, as a system message after the new message. */
  postHistory?: string | undefined;
  /** The rolling summary of older turns: first of what the budget may leave out (cut to fit). */
  summary?: string | undefined;
  /** Recalled memories as lines, most useful first; each goes in whole or not at all. */
  memories: readonly string[];
  /** Earlier turns, oldest first; kept newest first, and no older turn once one is left out. */
  history: readonly ChatMessage[];
  /** Example dialogue blocks, sent only with room to spare (as frontends push them out first). */
  examples: readonly string[];
  /** How the sections are introduced. */
  headers: { summary: string; memories: string; examples: string };
}

export interface AssembledPrompt {
  messages: ChatMessage[];
  /** The turns that went in, oldest first. */
  history: ChatMessage[];
  report: {
    budget: number;
    /** The prompt's tokens, counted on the final messages. */
    tokens: number;
    summary: 'whole' | 'cut' | 'left out' | 'none';
    memories: { kept: number; leftOut: number };
    turns: { kept: number; leftOut: number };
    examples: { kept: number; leftOut: number };
  };
}

/**
 * Fits a prompt into `budget` tokens (gpt-tokenizer's count): the system prompt and card, the
 * new message and the post-history instructions always; then, while room remains, the summary,
 * the memories best first, the recent turns newest first and the example dialogue.
 */
export function assemblePrompt(parts: PromptParts, budget: number): AssembledPrompt {
  const lineCost = (text: string) => countTextTokens(`\n${text}`);
  const fixed = [parts.system, parts.rules].join('\n');
  let left =
    budget -
    REPLY_PRIMING_TOKENS -
    MESSAGE_OVERHEAD_TOKENS * 2 -
    countTextTokens(fixed) -
    countTextTokens(parts.userMessage) -
    (parts.postHistory ? MESSAGE_OVERHEAD_TOKENS + countTextTokens(parts.postHistory) : 0);

  let summary = '';
  let summaryState: AssembledPrompt['report']['summary'] = parts.summary ? 'left out' : 'none';
  if (parts.summary) {
    const room = left - lineCost(parts.headers.summary) - 1;
    summary = truncateToTokens(parts.summary, room);
    if (summary) {
      summaryState = summary === parts.summary ? 'whole' : 'cut';
      left -= lineCost(parts.headers.summary) + lineCost(summary);
    }
  }
  const memories = takeWhole(
    parts.memories,
    lineCost,
    parts.headers.memories,
    () => left,
    (n) => (left -= n),
    false,
  );
  const reversed = [...parts.history].reverse();
  const keptTurns: ChatMessage[] = [];
  for (const turn of reversed) {
    const cost = MESSAGE_OVERHEAD_TOKENS + countTextTokens(turn.content);
    if (cost > left) break;
    left -= cost;
    keptTurns.unshift(turn);
  }
  const examples = takeWhole(
    parts.examples,
    lineCost,
    parts.headers.examples,
    () => left,
    (n) => (left -= n),
    true,
  );

  const build = (sections: { summary: string; memories: string[]; examples: string[]; turns: ChatMessage[] }) => {
    const system = [parts.system];
    if (sections.summary) system.push(parts.headers.summary, sections.summary);
    if (sections.memories.length > 0) system.push(parts.headers.memories, ...sections.memories);
    if (sections.examples.length > 0) system.push(parts.headers.examples, ...sections.examples);
    system.push(parts.rules);
    const messages: ChatMessage[] = [
      { role: 'system', content: system.join('\n') },
      ...sections.turns,
      { role: 'user', content: parts.userMessage },
    ];
    if (parts.postHistory) messages.push({ role: 'system', content: parts.postHistory });
    return messages;
  };
  // Pieces counted apart can merge into fewer or more tokens when joined: check the real count
  // and leave out the least useful piece until the prompt fits (bounded by the pieces there are).
  const sections = { summary, memories, examples, turns: keptTurns };
  let messages = build(sections);
  let tokens = countPromptTokens(messages);
  while (tokens > budget) {
    if (sections.examples.length > 0) sections.examples = sections.examples.slice(0, -1);
    else if (sections.turns.length > 0) sections.turns = sections.turns.slice(1);
    else if (sections.memories.length > 0) sections.memories = sections.memories.slice(0, -1);
    else if (sections.summary) {
      sections.summary = '';
      summaryState = 'left out';
    } else break;
    messages = build(sections);
    tokens = countPromptTokens(messages);
  }
  return {
    messages,
    history: sections.turns,
    report: {
      budget,
      tokens,
      summary: summaryState,
      memories: { kept: sections.memories.length, leftOut: parts.memories.length - sections.memories.length },
      turns: { kept: sections.turns.length, leftOut: parts.history.length - sections.turns.length },
      examples: { kept: sections.examples.length, leftOut: parts.examples.length - sections.examples.length },
    },
  };
}

/** Items that fit whole, in order, under one header (counted only when an item goes in). */
function takeWhole(
  items: readonly string[],
  cost: (text: string) => number,
  header: string,
  left: () => number,
  spend: (tokens: number) => void,
  stopAtFirstMiss: boolean,
): string[] {
  const kept: string[] = [];
  for (const item of items) {
    const price = cost(item) + (kept.length === 0 ? cost(header) : 0);
    if (price > left()) {
      if (stopAtFirstMiss) break;
      continue;
    }
    spend(price);
    kept.push(item);
  }
  return kept;
}
