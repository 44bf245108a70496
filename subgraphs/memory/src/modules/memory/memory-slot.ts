/**
 * What a first-person statement gives the value of, so a later statement of the same thing
 * replaces it as current ("I live in Paris" → "I finally moved to Berlin": both are `home`).
 * Offline rules for the common life facts; null for anything else (most memories), which is
 * never superseded. A question states nothing.
 */
const RULES: Array<{ slot: string | ((match: RegExpExecArray) => string); pattern: RegExp }> = [
  { slot: 'home', pattern: /\bi (?:now |still |currently )?(?:live|am living|'m living) in\b/u },
  { slot: 'home', pattern: /\bi(?:'ve| have)? (?:just |finally |recently |now )?(?:moved|relocated) (?:to|into)\b/u },
  { slot: 'home', pattern: /\bmy (?:new )?(?:home|flat|apartment|house) is in\b/u },
  { slot: 'job', pattern: /\bi (?:now |still |currently )?work (?:as|for)\b/u },
  { slot: 'job', pattern: /\bi (?:now )?work at\b/u },
  { slot: 'job', pattern: /\bi\b[^.!?;]*\b(?:started|begun|began) (?:a new job |working )?(?:as|at)\b/u },
  { slot: 'job', pattern: /\bmy (?:new )?job is\b/u },
  { slot: 'birthday', pattern: /\bmy birthday is\b/u },
  { slot: (m) => `name of my ${m[1]}`, pattern: /\bmy ((?:[a-z]+'s )?[a-z]+) is (?:called|named)\b/u },
  { slot: (m) => `name of my ${m[1]}`, pattern: /\bmy ((?:[a-z]+'s )?[a-z]+)'s name is\b/u },
  { slot: (m) => `my favourite ${m[1]}`, pattern: /\bmy favou?rite ([a-z]+) is\b/u },
];

export function memorySlot(content: string): string | null {
  const text = content.toLowerCase().replace(/[’‘]/gu, "'").replace(/\s+/gu, ' ').trim();
  if (text.endsWith('?')) return null;
  for (const { slot, pattern } of RULES) {
    const match = pattern.exec(text);
    if (match) return (typeof slot === 'string' ? slot : slot(match)).slice(0, 128);
  }
  return null;
}

const ASKED: Array<{ slot: string | ((match: RegExpExecArray) => string); pattern: RegExp }> = [
  { slot: 'home', pattern: /\b(?:do i (?:still |now )?live|where i live|my (?:home|city|address|hometown))\b/u },
  { slot: 'job', pattern: /\b(?:my (?:job|work|career|occupation)|do i do for (?:work|a living)|where do i work|do i work)\b/u },
  { slot: 'birthday', pattern: /\bmy birthday\b/u },
  { slot: (m) => `name of my ${m[1]}`, pattern: /\bname of my ((?:[a-z]+'s )?[a-z]+)\b/u },
  { slot: (m) => `name of my ${m[1]}`, pattern: /\bmy ((?:[a-z]+'s )?[a-z]+)'s name\b/u },
  { slot: (m) => `name of my ${m[1]}`, pattern: /\bwhat(?:'s| is) my ([a-z]+) called\b/u },
  { slot: (m) => `my favourite ${m[1]}`, pattern: /\bmy favou?rite ([a-z]+)\b/u },
];

/** The slots a recall question asks about ("Which city do I live in now?" → home); usually none. */
export function askedSlots(query: string): string[] {
  const text = query.toLowerCase().replace(/[’‘]/gu, "'").replace(/\s+/gu, ' ');
  const slots = new Set<string>();
  for (const { slot, pattern } of ASKED) {
    const match = pattern.exec(text);
    if (match) slots.add((typeof slot === 'string' ? slot : slot(match)).slice(0, 128));
  }
  return [...slots];
}
