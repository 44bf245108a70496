import type { MemoryKind } from '../memory/memory.entity.ts';

/** A memory a reflection may be drawn from. */
export interface ReflectionSource {
  id: string;
  kind: MemoryKind;
  content: string;
}

/** A higher-level memory drawn from several others, citing them. */
export interface Reflection {
  /** What it is about; one current reflection per theme and person. */
  theme: 'likes' | 'dislikes' | 'people' | 'pets' | 'plans' | 'health';
  content: string;
  sourceIds: string[];
}

/** A theme needs this many memories before it is worth a reflection. */
export const MIN_SOURCES = 2;
const MAX_ITEMS = 6;

const LIKE = /^i (?:really |absolutely |just |also |totally |truly )*(?:love|like|enjoy|adore|prefer)s? (.+)$/iu;
const FAN = /^i(?:'m| am) a (?:big |huge )?fan of (.+)$/iu;
const DISLIKE =
  /^i (?:really |absolutely |just |truly )*(?:(?:hate|dislike|detest|loathe|despise)s?|can[’']?t stand|cannot stand|(?:do not|don[’']?t|never) (?:really )?(?:like|liked|love|enjoy)) (.+)$/iu;
const PERSON = /^[Mm]y ((?:best )?[a-z]+) (?:is called |is named )?(\p{Lu}[\p{L}'-]+)/u;
const HEALTH = /^i(?:[’']m| am) (allergic to .+|vegetarian|vegan|diabetic|coeliac|celiac|lactose intolerant)$/iu;

const clean = (text: string): string => text.replace(/[.!…\s]+$/u, '').trim();
const list = (items: string[]): string =>
  items.length <= 1 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} and ${items.at(-1)}`;

function collect(
  sources: ReflectionSource[],
  pick: (source: ReflectionSource) => string | null,
): { items: string[]; ids: string[] } {
  const items: string[] = [];
  const ids: string[] = [];
  const seen = new Set<string>();
  for (const source of sources) {
    const item = pick(source);
    if (!item || seen.has(item.toLowerCase()) || items.length >= MAX_ITEMS) continue;
    seen.add(item.toLowerCase());
    items.push(item);
    ids.push(source.id);
  }
  return { items, ids };
}

/**
 * Offline reflection by simple aggregation: the person's recent memories grouped by theme
 * (what they like, dislike, the people and pets in their life, their health, what is coming up),
 * one sentence per theme with at least MIN_SOURCES memories, citing the memories it came from.
 * Newest first in, so the latest statements are the ones kept when a theme has many.
 */
export function reflect(recent: ReflectionSource[]): Reflection[] {
  const facts = recent.filter((source) => source.kind !== 'REFLECTION');
  const text = (source: ReflectionSource) => clean(source.content);
  const themes: Array<[Reflection['theme'], (s: ReflectionSource) => string | null, (items: string[]) => string]> = [
    [
      'dislikes',
      (s) => (s.kind === 'PREFERENCE' ? (DISLIKE.exec(text(s))?.[1] ?? null) : null),
      (items) => `Things I dislike: ${list(items)}.`,
    ],
    [
      'likes',
      (s) =>
        s.kind === 'PREFERENCE' && !DISLIKE.test(text(s)) ? ((LIKE.exec(text(s)) ?? FAN.exec(text(s)))?.[1] ?? null) : null,
      (items) => `Things I enjoy: ${list(items)}.`,
    ],
    [
      'people',
      (s) => {
        const match = s.kind === 'RELATIONSHIP' ? PERSON.exec(text(s)) : null;
        return match ? `my ${match[1]} ${match[2]}` : null;
      },
      (items) => `People in my life: ${list(items)}.`,
    ],
    ['health', (s) => HEALTH.exec(text(s))?.[1] ?? null, (items) => `About my health and diet: I am ${list(items)}.`],
    [
      'plans',
      (s) => (s.kind === 'EVENT' && !/^my birthday\b/iu.test(s.content) ? text(s) : null),
      (items) => `Coming up or recent: ${items.map((item) => item.charAt(0).toLowerCase() + item.slice(1)).join('; ')}.`,
    ],
  ];
  const reflections: Reflection[] = [];
  for (const [theme, pick, phrase] of themes) {
    const { items, ids } = collect(facts, pick);
    if (ids.length >= MIN_SOURCES) reflections.push({ theme, content: phrase(items), sourceIds: ids });
  }
  return reflections;
}
