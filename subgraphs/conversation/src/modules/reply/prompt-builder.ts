import type { ChatMessage, ChatRequest, ConversationMode } from '@miyu/llm/llm-provider';
import type { Message } from '../message/message.entity.ts';
import type { GatheredContext } from './reply-context.ts';

const MODE_STYLE: Record<ConversationMode, string> = {
  CASUAL: 'relaxed and friendly, like chatting with a close friend',
  SUPPORTIVE: 'gentle, validating and patient; listen first, advise only if asked',
  PLAYFUL: 'light, witty and teasing in a kind way; short sentences',
  FOCUSED: 'concise and practical; help the user make progress on their goals',
  REFLECTIVE: 'thoughtful and curious; ask open questions that invite reflection',
};

export interface PromptInput {
  context: GatheredContext;
  /** Earlier messages, oldest first (the new user message excluded). */
  history: readonly Message[];
  userMessage: string;
}

/**
 * Builds one chat request from the gathered context: a system prompt, the recent history and
 * the new message for remote models, and the same facts as structured `context` for the offline
 * provider (which composes from it instead of reading prompts).
 */
export function buildReplyRequest(input: PromptInput): ChatRequest {
  const modeStyle = MODE_STYLE[input.context.mode] ?? MODE_STYLE.CASUAL;
  const history: ChatMessage[] = input.history
    .filter((message) => message.status === 'COMPLETE' && message.content.trim().length > 0)
    .map((message) => ({
      role: message.role === 'ASSISTANT' ? 'assistant' : message.role === 'SYSTEM' ? 'system' : 'user',
      content: message.content,
    }));
  return {
    messages: [
      { role: 'system', content: systemPrompt(input.context, modeStyle) },
      ...history,
      { role: 'user', content: input.userMessage },
    ],
    temperature: 0.8,
    maxTokens: 800,
    context: {
      ...input.context,
      persona: { ...input.context.persona, modeStyle },
      userMessage: input.userMessage,
      history,
    },
  };
}

export function systemPrompt(context: GatheredContext, modeStyle: string): string {
  const { persona, mood, emotion, memories, quests, userName } = context;
  const lines = [
    `You are ${persona.name}, an AI companion. ${persona.description}`.trim(),
    `Conversation mode: ${context.mode.toLowerCase()} — be ${modeStyle}.`,
  ];
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
  if (memories.length > 0) {
    lines.push('What you remember about the user (use it naturally, never invent more):');
    for (const memory of memories) lines.push(`- (${memory.kind.toLowerCase()}) ${memory.content}`);
  }
  const active = quests ?? [];
  if (active.length > 0) lines.push(`The user's active quests: ${active.map((quest) => quest.title).join('; ')}.`);
  lines.push("Reply in the user's language, in plain markdown, usually in a few sentences. Never claim to be human.");
  return lines.join('\n');
}

const fixed = (value: number) => value.toFixed(2);
