/**
 * The quest catalog, declared as data. Objectives count events (`message.sent`, ...) except
 * `streak.day`, whose progress is the user's current streak of consecutive active UTC days.
 * Validated by `loadQuestCatalog` when the subgraph starts.
 */
export const QUEST_CATALOG = [
  {
    id: 'say-hello',
    title: 'Say hello',
    description: 'Send Miyu a message today.',
    kind: 'daily',
    objectives: [{ id: 'send-message', description: 'Send 1 message', event: 'message.sent', count: 1 }],
    reward: { xp: 20, affinity: 0.01 },
  },
  {
    id: 'deep-talk',
    title: 'Deep talk',
    description: 'Have a real conversation today.',
    kind: 'daily',
    objectives: [{ id: 'send-messages', description: 'Send 10 messages', event: 'message.sent', count: 10 }],
    reward: { xp: 60, affinity: 0.03 },
  },
  {
    id: 'first-steps',
    title: 'First steps',
    description: 'Start your first conversation with Miyu.',
    kind: 'long-running',
    objectives: [{ id: 'start-conversation', description: 'Start a conversation', event: 'conversation.started', count: 1 }],
    reward: { xp: 50, affinity: 0.02, badge: 'newcomer' },
  },
  {
    id: 'tell-me-about-you',
    title: 'Tell me about you',
    description: 'Let Miyu remember three things about you.',
    kind: 'long-running',
    objectives: [{ id: 'create-memories', description: 'Have 3 memories created', event: 'memory.created', count: 3 }],
    reward: { xp: 150, affinity: 0.05 },
  },
  {
    id: 'try-every-mood',
    title: 'Try every mood',
    description: 'Switch Miyu between modes.',
    kind: 'long-running',
    objectives: [{ id: 'change-mode', description: 'Change mode 3 times', event: 'mode.changed', count: 3 }],
    reward: { xp: 100, affinity: 0.03 },
  },
  {
    id: 'week-together',
    title: 'Week together',
    description: 'Talk with Miyu seven days in a row.',
    kind: 'long-running',
    objectives: [{ id: 'streak', description: 'Reach a 7-day streak', event: 'streak.day', count: 7 }],
    reward: { xp: 300, affinity: 0.1, badge: 'devoted' },
  },
];
