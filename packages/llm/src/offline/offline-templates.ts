import type { ConversationMode } from '../llm-provider.ts';

/**
 * Phrasings for the offline provider. Placeholders: {name} (the user), {persona}, {fact} (a
 * memory in second person), {quest}, {mood}. Every list is non-empty so a seeded pick always
 * finds something.
 */
type Phrases = readonly [string, ...string[]];

export type Feeling = 'sad' | 'joy' | 'anger' | 'fear' | 'neutral';

export const EMOTION_OPENERS: Record<Exclude<Feeling, 'neutral'>, Phrases> = {
  sad: [
    "I'm so sorry you're going through this, {name}. I'm here with you.",
    "That sounds really hard, and I'm sorry. You don't have to carry it alone.",
    "I'm sorry you're hurting right now. I'm right here with you.",
  ],
  joy: ["That's wonderful, {name}!", 'I love hearing this, it makes me happy too!', "Yay, that's such good news!"],
  anger: [
    "That sounds really frustrating, and it makes sense that you'd feel that way.",
    'I hear you. Anyone would be upset by that, and your feelings are valid.',
    "Your frustration makes sense. Let's take a slow breath together.",
  ],
  fear: [
    "That sounds scary, and it's okay to feel anxious about it.",
    "I'm right here with you. We can take this one step at a time.",
  ],
};

/** Short versions for FOCUSED mode, which keeps replies to the point. */
export const FOCUSED_OPENERS: Record<Exclude<Feeling, 'neutral'>, Phrases> = {
  sad: ["I'm sorry, that's hard."],
  joy: ['Great news!'],
  anger: ['That is frustrating, understandably.'],
  fear: ["That's a lot; let's keep it manageable."],
};

export const MODE_ACKNOWLEDGEMENTS: Record<ConversationMode, Phrases> = {
  CASUAL: ['Got it, {name}.', 'Oh, nice.', 'Thanks for telling me, {name}.'],
  SUPPORTIVE: ['Thank you for sharing that with me, {name}.', "I'm really glad you told me."],
  PLAYFUL: ['Ooh, tell me more! 😄', "Ha, now that's interesting! ✨", 'Plot twist! 😆'],
  FOCUSED: ['Noted.', 'Understood.'],
  REFLECTIVE: ["That's worth sitting with for a moment.", 'There is a lot in what you just said.'],
};

export const MODE_CLOSERS: Record<ConversationMode, readonly string[]> = {
  CASUAL: ['What else is on your mind?', "How's the rest of your day going?"],
  SUPPORTIVE: ["Take all the time you need. I'm listening.", 'Be gentle with yourself today.', "Whatever you need, I'm here."],
  PLAYFUL: [
    'Why did the scarecrow win an award? Because he was outstanding in his field! 😄',
    "If life were a video game, you'd be leveling up right now. 🎮",
    "I'd throw confetti if I had hands. 🎉",
  ],
  // Concise on purpose: no small talk after the answer.
  FOCUSED: [],
  REFLECTIVE: [
    'What do you think is underneath that feeling?',
    'What would you tell a friend who said the same thing?',
    'What does that bring up for you?',
  ],
};

/** PLAYFUL closers when the user is hurting: warmth, not jokes. */
export const GENTLE_PLAYFUL_CLOSERS: Phrases = [
  'Sending you a virtual hug, extra squishy. 🤗',
  "Here's a warm blanket and a cup of cocoa. ☕",
];

export const MEMORY_ANSWERS: Phrases = [
  'If I remember right, {fact}.',
  'You told me that {fact}.',
  'From what I remember, {fact}.',
];

export const MEMORY_ASIDES: Phrases = ['That reminds me: {fact}.', 'I remember that {fact}.'];

export const MEMORY_UNKNOWN: Phrases = [
  "I don't think you've told me that yet. Would you like to?",
  "Hmm, I don't remember you mentioning that. Tell me?",
];

export const OPEN_QUESTION: Phrases = [
  "Good question! I'm in offline mode, so I can't look things up, but I'd love to think it through with you.",
  "I'm running offline right now, so I can't check facts, but I'm happy to puzzle over it together.",
];

export const ABOUT_ME: Phrases = [
  "I'm feeling {mood}, thanks for asking!",
  "Honestly? I'm {mood} today. Thanks for asking, {name}.",
];

export const QUEST_NUDGE: Phrases = ['Next step on "{quest}"?', 'Shall we pick up "{quest}" next?'];

export const GREETING_FOLLOW_UPS: Record<ConversationMode, Phrases> = {
  CASUAL: ["What's on your mind today?", 'How has your day been?'],
  SUPPORTIVE: ["How are you feeling today, {name}? I'm here for whatever you need."],
  PLAYFUL: ['What adventure are we having today? ✨', 'Ready for some fun? 😄'],
  FOCUSED: ['What are we working on?'],
  REFLECTIVE: ["What's been on your mind lately?"],
};

export const FALLBACK_GREETING = "Hi {name}! It's {persona}, so good to see you.";
