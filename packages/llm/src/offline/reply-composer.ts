import type { ReplyContext } from '../llm-provider.ts';
import { findRelevantMemory } from './memory-answer.ts';
import * as phrases from './offline-templates.ts';
import type { Feeling } from './offline-templates.ts';
import { asClause, toSecondPerson } from './second-person.ts';
import { createSeededRandom, hashString, type SeededRandom } from './seeded-random.ts';
import { isGreeting, isQuestion } from './text-tokens.ts';

const FEELINGS: [Exclude<Feeling, 'neutral'>, RegExp][] = [
  ['sad', /sad|grief|lonel|depress|hurt|down|disappoint|upset/iu],
  ['joy', /joy|happ|excit|delight|proud|grateful|love|content/iu],
  ['anger', /ang|frustrat|annoy|irritat|mad|rage/iu],
  ['fear', /fear|anxi|worr|nervous|scared|afraid|stress|panic/iu],
];

/** Maps an emotion label (whatever the analyser calls it) to the few feelings we respond to. */
export function classifyFeeling(emotion: ReplyContext['emotion']): Feeling {
  if (!emotion || emotion.intensity < 0.2) return 'neutral';
  const match = FEELINGS.find(([, pattern]) => pattern.test(emotion.primary));
  if (match) return match[0];
  if (emotion.valence <= -0.4) return 'sad';
  if (emotion.valence >= 0.4) return 'joy';
  return 'neutral';
}

const ABOUT_COMPANION = /\bhow (are|r) (you|u)\b|\bhow('?s| is) it going\b|\bhow do you feel\b|\bhow are things\b/iu;
// Questions about the user themself are the ones a memory can answer.
const ABOUT_USER = /\b(my|me|i|mine|remember)\b/iu;

/** Seeds from everything that shapes the reply, so identical input gives identical output. */
function seedFor(context: ReplyContext): number {
  const { persona, mode, emotion, userMessage, userName, memories } = context;
  return hashString(
    JSON.stringify([persona.name, mode, emotion?.primary, userMessage, userName, memories.map((m) => m.content)]),
  );
}

/** Builds the offline reply: persona voice, mode, the user's emotion, and recalled memories. */
export function composeOfflineReply(context: ReplyContext): string {
  const random = createSeededRandom(seedFor(context));
  const message = context.userMessage.trim();
  const mode = context.mode;
  const feeling = classifyFeeling(context.emotion);
  const activeQuest = context.quests?.find((quest) => !/done|complete|abandon/iu.test(quest.status));
  const fill = (template: string, fact = '') =>
    template
      .replaceAll('{name}', context.userName?.trim() || 'friend')
      .replaceAll('{persona}', context.persona.name)
      .replaceAll('{fact}', fact)
      .replaceAll('{quest}', activeQuest?.title ?? '')
      .replaceAll('{mood}', (context.mood?.label ?? 'pretty good').toLowerCase());
  const parts: string[] = [];

  if (isGreeting(message)) {
    parts.push(fill(context.persona.greeting.trim() || phrases.FALLBACK_GREETING));
    parts.push(fill(random.pick(phrases.GREETING_FOLLOW_UPS[mode])));
    return finish(parts);
  }

  if (feeling !== 'neutral') {
    parts.push(fill(random.pick(mode === 'FOCUSED' ? phrases.FOCUSED_OPENERS[feeling] : phrases.EMOTION_OPENERS[feeling])));
  }
  const match = findRelevantMemory(message, context.memories);
  const fact = match ? asClause(toSecondPerson(match.memory.content)) : '';

  if (isQuestion(message)) {
    if (ABOUT_COMPANION.test(message)) parts.push(fill(random.pick(phrases.ABOUT_ME)));
    else if (match) parts.push(fill(random.pick(phrases.MEMORY_ANSWERS), fact));
    else if (ABOUT_USER.test(message)) parts.push(fill(random.pick(phrases.MEMORY_UNKNOWN)));
    else parts.push(fill(random.pick(phrases.OPEN_QUESTION)));
  } else {
    if (parts.length === 0) parts.push(fill(random.pick(phrases.MODE_ACKNOWLEDGEMENTS[mode])));
    // An aside needs more than one weak shared word, or it sounds like a non sequitur.
    if (match && match.overlap >= 1 && mode !== 'FOCUSED') parts.push(fill(random.pick(phrases.MEMORY_ASIDES), fact));
  }

  if (mode === 'FOCUSED') {
    if (activeQuest) parts.push(fill(random.pick(phrases.QUEST_NUDGE)));
  } else {
    parts.push(fill(pickCloser(random, mode, feeling)));
  }
  return finish(parts);
}

function pickCloser(random: SeededRandom, mode: ReplyContext['mode'], feeling: Feeling): string {
  const hurting = feeling === 'sad' || feeling === 'anger' || feeling === 'fear';
  if (mode === 'PLAYFUL' && hurting) return random.pick(phrases.GENTLE_PLAYFUL_CLOSERS);
  const [first, ...rest] = phrases.MODE_CLOSERS[mode];
  return first === undefined ? '' : random.pick([first, ...rest]);
}

function finish(parts: string[]): string {
  return parts
    .filter((part) => part.length > 0)
    .map((part) => part.charAt(0).toUpperCase() + part.slice(1))
    .join(' ');
}
