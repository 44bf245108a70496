/**
 * The contract every LLM provider meets: a streamed chat that yields text deltas and, when the
 * model stopped on its own terms, one final `finish` chunk. A provider that ends without a
 * `finish` chunk has been cut off; callers treat that reply as incomplete.
 */

export type ChatRole = 'system' | 'user' | 'assistant';

export interface ChatMessage {
  role: ChatRole;
  content: string;
}

export type ConversationMode = 'CASUAL' | 'SUPPORTIVE' | 'PLAYFUL' | 'FOCUSED' | 'REFLECTIVE';

/** Structured context gathered by the reply pipeline; the offline provider composes from it. */
export interface ReplyContext {
  /** The companion speaking. */
  persona: {
    name: string;
    description: string;
    /** How this persona says hello; reused for greetings. */
    greeting: string;
    /** Free-text style hint for the current mode, e.g. "teasing, short sentences". */
    modeStyle?: string;
    /** Character Card fields of an imported persona ({{char}}/{{user}} already filled in by the prompt builder). */
    systemPrompt?: string | null;
    personality?: string | null;
    scenario?: string | null;
    exampleMessages?: string | null;
    postHistoryInstructions?: string | null;
  };
  /** The rolling summary of the conversation's older turns, when one has been written. */
  summary?: string | null;
  /** The conversation mode; shapes tone (gentle, playful, concise, questioning). */
  mode: ConversationMode;
  /** The companion's own mood (PAD model, values in -1..1). */
  mood?: { label: string; pleasure: number; arousal: number };
  /** The emotion detected in the user's new message (intensity 0..1, valence -1..1). */
  emotion?: { primary: string; intensity: number; valence: number };
  /** Memories recalled for this message, best first. */
  memories: { kind: string; content: string; score: number }[];
  /** The user's quests; an active one may be nudged in FOCUSED mode. */
  quests?: { title: string; status: string }[];
  /** How to address the user; 'friend' when unknown. */
  userName?: string;
  /** The new message being answered. */
  userMessage: string;
  /** Earlier turns, oldest first. */
  history?: ChatMessage[];
}

export interface ChatRequest {
  /** The prompt as sent to remote models (system prompt, history, new message). */
  messages: ChatMessage[];
  /** Sampling temperature passed to remote models; the offline provider ignores it. */
  temperature?: number;
  /** Upper bound on generated tokens. */
  maxTokens?: number;
  /** Structured context; remote providers only see `messages`. */
  context?: ReplyContext;
}

export interface ChatUsage {
  promptTokens: number;
  completionTokens: number;
}

/** 'stop' is the only reason that makes a reply complete. */
export type FinishReason = 'stop' | 'length' | 'content_filter' | (string & {});

export type ChatChunk = { type: 'delta'; text: string } | { type: 'finish'; reason: FinishReason; usage?: ChatUsage };

export interface LlmProvider {
  /** Short provider id for logs and the reply record, e.g. 'openai' or 'offline'. */
  name: string;
  /** The model that produces replies; stored with each reply. */
  model: string;
  /** Streams one reply. Aborting `signal` ends the stream by throwing `signal.reason`. */
  streamChat(request: ChatRequest, signal: AbortSignal): AsyncIterable<ChatChunk>;
}
