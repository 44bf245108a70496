import { fill, type Random } from './prng.ts';
import { CITIES, JOBS, NAMES, PET_NAMES, PETS } from './pools.ts';

/** Small talk: most turns of a real conversation, many sharing words with the questions. */
const USER_CHATTER = [
  'Long day at work today, I am exhausted.',
  'The weather in the city is awful this week.',
  'I just made myself a cup of tea.',
  'Do you think I should go to bed early tonight?',
  'Haha, that is funny.',
  'What do you like to do when you are bored?',
  'My coworker {other} just adopted a {species} called {petName}.',
  'My neighbour {other} lives in {city} half of the year.',
  '{other} from my yoga class works as a {job}.',
  'I watched a documentary about {city} last night.',
  '{best} called me earlier, we talked for an hour.',
  '{best} says hi, by the way.',
  'I am thinking about what to cook for dinner.',
  '{best} wants us to go on a trip together soon.',
  'My phone battery keeps dying, so annoying.',
  'I keep forgetting to water my plants.',
  'Tell me something nice, please.',
  'Can you remind me what we talked about?',
  'I had pasta for lunch, nothing special.',
  'The train was late again this morning.',
  'My friend {other} has a {species} named {petName}, so cute.',
  '{other} moved to {city} for a new job, lucky them.',
  'I am reading a book about the history of {city}.',
  'My {relative} called about the family dinner.',
  'What is your favourite season?',
  'I might take a nap, I barely slept.',
  '{best} and I argued about a film, it was silly.',
  'I do not really feel like doing anything today.',
  'Work has been really stressful lately.',
  'Where would you travel if you could go anywhere?',
  'My {relative} thinks I work too much.',
  'I ordered a new lamp for the living room.',
  'I saw a {species} in the park that looked just like a celebrity.',
  'My cousin {other} is a {job} too, funny coincidence.',
];
const COMPANION_CHATTER = [
  'That sounds like a lot. How are you feeling now?',
  'I am always happy to hear from you!',
  'Oh, tell me more about that.',
  'I hope you get some rest tonight.',
  'That made me smile.',
  'What would make today better for you?',
  'I love our chats, you know.',
  'Hmm, what do you think about it?',
  'That is really interesting!',
  'I am here whenever you want to talk.',
];
/** Replies that echo the topic of what the user said without repeating the fact itself. */
const COMPANION_ECHO = [
  'Aww, I love hearing about your {topic}! Tell me more.',
  'What is your {topic} like these days?',
  'How is everything going with your {topic}?',
  'You mention your {topic} a lot, I can tell it matters to you.',
  'Oh, your {topic}! What happened?',
];
const RELATIVES = ['mum', 'dad', 'aunt', 'uncle', 'grandma'];

export function userChatter(random: Random, best: string): string {
  const pet = random.pick(PETS);
  return fill(random.pick(USER_CHATTER), {
    other: random.pick(NAMES),
    best,
    species: pet.species,
    petName: random.pick(PET_NAMES),
    city: random.pick(CITIES),
    job: random.pick(JOBS).job,
    relative: random.pick(RELATIVES),
  });
}

export function companionReply(random: Random, topic: string | null): string {
  if (topic && random.next() < 0.7) return fill(random.pick(COMPANION_ECHO), { topic });
  return random.pick(COMPANION_CHATTER);
}
