import { companionReply, userChatter } from './chatter.ts';
import { ALLERGENS, CITIES, DISLIKED, JOBS, MONTHS, NAMES, OPEN_DOMAIN, PARTNERS, PET_NAMES, PETS, SIBLINGS } from './pools.ts';
import { createRandom, type Random } from './prng.ts';

export type Category = 'single-hop' | 'multi-hop' | 'temporal' | 'open-domain' | 'repeated' | 'changed';

export interface Turn {
  id: string;
  speaker: 'user' | 'companion';
  text: string;
  /** When it was said (ISO). */
  at: string;
}

export interface Question {
  id: string;
  category: Category;
  text: string;
  /** Turns that answer it; a hit is any of them in the top k. */
  evidence: string[];
  /** Turns stating a superseded version of the answer (changed facts). */
  stale: string[];
}

export interface Person {
  key: string;
  turns: Turn[];
  questions: Question[];
  /** Groups of turns with the very same text (a fact said twice): each should be one memory. */
  repeated: string[][];
}

export const SESSIONS = 10;
const USER_TURNS = 14;
const FIRST_SESSION = Date.UTC(2026, 0, 6, 18, 0);
const DAY = 86_400_000;

interface Placed {
  session: number;
  text: string;
  tag: string;
  topic: string;
}

function person(random: Random, key: string): Person {
  const [best, sibName, partnerName] = random.sample(NAMES, 3) as [string, string, string];
  const pet = random.pick(PETS);
  const petName = random.pick(PET_NAMES);
  const [home, newHome, sibCity] = random.sample(CITIES, 3) as [string, string, string];
  const [job, newJob, partnerJob] = random.sample(JOBS, 3) as [(typeof JOBS)[0], (typeof JOBS)[0], (typeof JOBS)[0]];
  const sib = random.pick(SIBLINGS);
  const partner = random.pick(PARTNERS);
  const open = random.sample(OPEN_DOMAIN, 2);
  const allergen = random.pick(ALLERGENS);
  const disliked = random.pick(DISLIKED);
  const activities = random.sample(
    [
      'went climbing',
      'went to a pottery class',
      'saw a jazz concert',
      'went kayaking on the lake',
      'went ice skating',
      'went to an escape room',
      'did a wine tasting',
    ],
    3,
  );
  const birthday = `${1 + random.int(28)} ${random.pick(MONTHS)}`;
  const early = () => random.int(4);
  const late = () => 6 + random.int(4);
  const anywhere = () => random.int(SESSIONS);
  const start = (session: number) => FIRST_SESSION + session * 29 * DAY + random.int(5) * DAY;
  const starts = Array.from({ length: SESSIONS }, (_, session) => start(session));
  const placed: Placed[] = [
    { session: anywhere(), text: `My ${pet.species} is called ${petName}.`, tag: 'pet', topic: pet.species },
    { session: early(), text: `My ${sib} is called ${sibName}.`, tag: 'sib', topic: sib },
    { session: late(), text: `${sibName} just moved to ${sibCity} for a new job.`, tag: 'sibCity', topic: 'family' },
    {
      session: early(),
      text: `My ${partner} ${partnerName} and I have been together for five years.`,
      tag: 'partner',
      topic: partner,
    },
    {
      session: 4 + random.int(6),
      text: `${partnerName} got a job as a ${partnerJob.job} at ${partnerJob.place}.`,
      tag: 'partnerJob',
      topic: 'news',
    },
    { session: anywhere(), text: `I really can’t stand ${disliked}.`, tag: 'dislike', topic: 'food' },
    { session: anywhere(), text: `My birthday is on ${birthday}.`, tag: 'birthday', topic: 'birthday' },
    { session: early(), text: `I live in ${home}, right by the river.`, tag: 'home', topic: 'home' },
    { session: late(), text: `I finally moved to ${newHome}, loving it here so far!`, tag: 'newHome', topic: 'new home' },
    { session: early(), text: `I work as a ${job.job} at ${job.place}.`, tag: 'job', topic: 'work' },
    {
      session: late(),
      text: `I quit my old job and started as a ${newJob.job} at ${newJob.place}.`,
      tag: 'newJob',
      topic: 'work',
    },
    { session: 1 + random.int(3), text: `I’m allergic to ${allergen}.`, tag: 'allergy1', topic: 'health' },
    { session: 6 + random.int(4), text: `I’m allergic to ${allergen}.`, tag: 'allergy2', topic: 'health' },
    {
      session: random.int(5),
      text: 'I had a dentist appointment this morning, my tooth still hurts.',
      tag: 'dentist1',
      topic: 'tooth',
    },
    { session: 5 + random.int(5), text: 'Went to the dentist again today, all fine this time.', tag: 'dentist2', topic: 'tooth' },
    ...open.map((o, i) => ({ session: anywhere(), text: o.fact, tag: `open${i}`, topic: 'life' })),
  ];
  // the three outings with the best friend fall in three sessions of different months
  const outingSessions = random
    .sample([...Array(SESSIONS).keys()], SESSIONS)
    .filter(
      (session, i, all) =>
        all.findIndex((other) => new Date(starts[other] ?? 0).getUTCMonth() === new Date(starts[session] ?? 0).getUTCMonth()) ===
        i,
    );
  activities.forEach((activity, i) => {
    placed.push({
      session: outingSessions[i] ?? i,
      text: `${best} and I ${activity} today, it was great.`,
      tag: `outing${i}`,
      topic: 'day',
    });
  });

  const turns: Turn[] = [];
  const byTag = new Map<string, string>();
  for (let session = 0; session < SESSIONS; session++) {
    const facts = placed.filter((p) => p.session === session);
    const slots = Array.from({ length: USER_TURNS }, (): Placed | null => null);
    for (const fact of facts) {
      let slot = random.int(USER_TURNS);
      while (slots[slot]) slot = (slot + 1) % USER_TURNS;
      slots[slot] = fact;
    }
    const sessionStart = starts[session] ?? 0;
    slots.forEach((fact, i) => {
      const at = (minute: number) => new Date(sessionStart + (i * 2 + minute) * 60_000).toISOString();
      const id = `${key}-s${session}-t${i}`;
      turns.push({ id: `${id}u`, speaker: 'user', text: fact ? fact.text : userChatter(random, best), at: at(0) });
      if (fact) byTag.set(fact.tag, `${id}u`);
      turns.push({ id: `${id}c`, speaker: 'companion', text: companionReply(random, fact ? fact.topic : null), at: at(1) });
    });
  }
  const ev = (...tags: string[]) =>
    tags.map((tag) => {
      const id = byTag.get(tag);
      if (!id) throw new Error(`no turn for ${tag}`);
      return id;
    });
  const synonym = random.pick(pet.synonyms);
  const q = (category: Category, text: string, evidence: string[], stale: string[] = []): Omit<Question, 'id'> => ({
    category,
    text,
    evidence,
    stale,
  });
  const month = (tag: string) => MONTHS[new Date(turns.find((t) => t.id === ev(tag)[0])?.at ?? 0).getUTCMonth()];
  const questions = [
    q('single-hop', `What's the name of my ${synonym}?`, ev('pet')),
    q('single-hop', 'What did I call my pet?', ev('pet')),
    q('single-hop', `What's my ${sib}'s name?`, ev('sib')),
    q('single-hop', `Who is my ${partner}?`, ev('partner')),
    q('single-hop', 'Which food do I hate?', ev('dislike')),
    q('single-hop', 'When is my birthday?', ev('birthday')),
    q('multi-hop', `Which city does my ${sib} live in now?`, ev('sib', 'sibCity')),
    q('multi-hop', `What does my ${partner} do for work?`, ev('partner', 'partnerJob')),
    q('temporal', `What did ${best} and I do together in ${month('outing0')}?`, ev('outing0')),
    q('temporal', `What did I do with ${best} in ${month('outing1')}?`, ev('outing1')),
    q('temporal', 'When did I last go to the dentist?', ev('dentist2')),
    q('open-domain', open[0]?.question ?? '', ev('open0')),
    q('open-domain', open[1]?.question ?? '', ev('open1')),
    q('repeated', 'What am I allergic to?', ev('allergy1', 'allergy2')),
    q('changed', 'Which city do I live in now?', ev('newHome'), ev('home')),
    q('changed', 'What is my job now?', ev('newJob'), ev('job')),
  ];
  return {
    key,
    turns,
    questions: questions.map((question, i) => ({ id: `${key}-q${i}`, ...question })),
    repeated: [ev('allergy1', 'allergy2')],
  };
}

/** The evaluation set: `people` long multi-session conversations from one seed. */
export function generateMemoryEval(seed: number, people: number, prefix: string): Person[] {
  const random = createRandom(seed);
  return Array.from({ length: people }, (_, i) => person(random, `${prefix}${i}`));
}

/** Dev (tune on it) and held-out (never tune on it): different seeds, so different people and sentences. */
export const EVAL_SPLITS = {
  dev: { seed: 20261207, people: 20, prefix: 'dev' },
  heldOut: { seed: 77031, people: 20, prefix: 'held' },
} as const;
