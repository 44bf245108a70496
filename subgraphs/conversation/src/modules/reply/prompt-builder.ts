import type { ChatMessage, ChatRequest, ConversationMode } from '@miyu/llm/llm-provider';
import type { MessageRow } from '../message/message.entity.ts';
import { exampleBlocks, fillCardMacros, type MacroNames } from './card-macros.ts';
import { type AssembledPrompt, assemblePrompt } from './prompt-assembly.ts';
import type { GatheredContext } from './reply-context.ts';
import { DEFAULT_CONTEXT_TOKENS } from './reply-context-settings.ts';

const MODE_STYLE: Record<ConversationMode, string> = {
  CASUAL: 'relaxed and friendly, like chatting with a close friend',
  SUPPORTIVE: 'gentle, validating and patient; listen first, advise only if asked',
  PLAYFUL: 'light, witty and teasing in a kind way; short sentences',
  FOCUSED: 'concise and practical; help the user make progress on their goals',
  REFLECTIVE: 'thoughtful and curious; ask open questions that invite reflection',
};

/** How the prompt calls the person when their name is unknown ({{user}}). */
const UNKNOWN_USER = 'User';

export const RULES = "Reply in the user's language, in plain markdown, usually in a few sentences. Never claim to be human.";
const HEADERS = {
  summary: 'Earlier in this conversation (a summary):',
  memories: 'What you remember about the user (use it naturally, never invent more):',
  examples: 'Examples of how you talk (style only; they are not part of this conversation):',
};

export interface PromptInput {
  context: GatheredContext;
  /** Earlier messages, oldest first (the new user message excluded). */
  history: readonly MessageRow[];
  userMessage: string;
  /** Most tokens the prompt may use (default DEFAULT_CONTEXT_TOKENS). */
  tokenBudget?: number;
}

export type BuiltReplyRequest = ChatRequest & { report: AssembledPrompt['report'] };

/**
 * Builds one chat request from the gathered context within the token budget: the system prompt
 * (the card's system_prompt in place of MIYU's own, then its description, personality and
 * scenario), the summary, memories and example dialogue, the recent turns, the new message and
 * the card's post_history_instructions after it (Character Card V2). The offline provider gets
 * the same facts as structured `context`.
 */
export function buildReplyRequest(input: PromptInput): BuiltReplyRequest {
  const { context } = input;
  const modeStyle = MODE_STYLE[context.mode] ?? MODE_STYLE.CASUAL;
  const names: MacroNames = { char: context.persona.name, user: context.userName ?? UNKNOWN_USER };
  const fill = (text: string | null | undefined, original = '') => fillCardMacros(text ?? '', names, original).trim();
  const history: ChatMessage[] = input.history
    .filter((message) => message.status === 'COMPLETE' && message.content.trim().length > 0)
    .map((message) => ({
      role: message.role === 'ASSISTANT' ? 'assistant' : message.role === 'SYSTEM' ? 'system' : 'user',
      content: message.content,
    }));
  const postHistory = fill(context.persona.postHistoryInstructions);
  const assembled = assemblePrompt(
    {
      system: systemPrompt(context, modeStyle, fill),
      rules: RULES,
      userMessage: input.userMessage,
      postHistory: postHistory || undefined,
      summary: context.summary?.trim() || undefined,
      memories: [...context.memories]
        .sort((a, b) => b.score - a.score)
        .map((memory) => `- (${memory.kind.toLowerCase()}) ${memory.content}`),
      history,
      examples: exampleBlocks(context.persona.exampleMessages).map((block) => fill(block)),
      headers: HEADERS,
    },
    input.tokenBudget ?? DEFAULT_CONTEXT_TOKENS,
  );
  const { completeness: _completeness, ...facts } = context;
  return {
    messages: assembled.messages,
    temperature: 0.8,
    maxTokens: 800,
    context: {
      ...facts,
      persona: {
        ...context.persona,
        description: fill(context.persona.description),
        greeting: fill(context.persona.greeting),
        modeStyle,
      },
      userMessage: input.userMessage,
      history: assembled.history,
    },
    report: assembled.report,
  };
}

type Fill = (text: string | null | undefined, original?: string) => string;

/** The part of the system prompt that always goes in: who she is and the reply's circumstances. */
export function systemPrompt(context: GatheredContext, modeStyle: string, fill: Fill): string {
  const { persona, mood, emotion, quests, userName } = context;
  const original = `You are ${persona.name}, an AI companion.`;
  const main = persona.systemPrompt?.trim() ? fill(persona.systemPrompt, original) : original;
  const description = fill(persona.description);
  const personality = fill(persona.personality);
  const scenario = fill(persona.scenario);
  const lines = [main];
  if (description) lines.push(description);
  // an imported card's personality is part of its description already
  if (personality && !description.includes(personality)) lines.push(`${persona.name}'s personality: ${personality}`);
  if (scenario) lines.push(`Scenario: ${scenario}`);
  lines.push(`Conversation mode: ${context.mode.toLowerCase()} — be ${modeStyle}.`);
  if (mood)
    lines.push(
      `Your own mood right now: ${mood.label.toLowerCase()} (pleasure ${fixed(mood.pleasure)}, arousal ${fixed(mood.arousal)}).`,
    );
  if (emotion) {
    lines.push(
      `The user's new message reads as ${emotion.primary.toLowerCase()} (intensity ${fixed(emotion.intensity)}, valence ${fixed(emotion.valence)}).`,
    );
  }
  if (userName) lines.push(`The user's name is ${userName}.`);
  const active = quests ?? [];
  if (active.length > 0) lines.push(`The user's active quests: ${active.map((quest) => quest.title).join('; ')}.`);
  return lines.join('\n');
}

const fixed = (value: number) => value.toFixed(2);
