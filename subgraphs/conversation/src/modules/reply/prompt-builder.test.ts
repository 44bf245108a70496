import { describe, expect, it } from 'vitest';
import type { MessageRow } from '../message/message.entity.ts';
import { buildReplyRequest } from './prompt-builder.ts';
import { minimalContext, toGathered } from './reply-context.ts';

const message = (role: MessageRow['role'], content: string, status: MessageRow['status'] = 'COMPLETE') =>
  ({ role, content, status }) as MessageRow;

describe('buildReplyRequest', () => {
  it('turns the gathered context into a system prompt, history and the new message', () => {
    const context = toGathered({
      me: {
        displayName: 'Ada',
        companion: {
          mode: 'PLAYFUL',
          persona: { name: 'Kiko', description: 'A fox spirit.', greeting: 'Yo!' },
          mood: { label: 'JOY', pleasure: 0.5, arousal: 0.2 },
        },
        recall: [{ score: 0.9, memory: { kind: 'FACT', content: 'Ada has a cat called Miso.' } }],
        quests: [{ status: 'ACTIVE', quest: { title: 'Walk daily' } }],
      },
      analyzeEmotion: { primary: 'SADNESS', intensity: 0.7, valence: -0.6 },
    });
    const request = buildReplyRequest({
      context,
      history: [message('USER', 'hi'), message('ASSISTANT', 'hello!'), message('ASSISTANT', '', 'FAILED')],
      userMessage: 'what is my cat called?',
    });
    expect(request.messages.map((m) => m.role)).toEqual(['system', 'user', 'assistant', 'user']);
    const system = request.messages[0]?.content ?? '';
    expect(system).toContain('You are Kiko');
    expect(system).toContain('- (fact) Ada has a cat called Miso.');
    expect(system).toContain('Walk daily');
    expect(system).toContain('sadness');
    expect(system).toContain("The user's name is Ada.");
    expect(request.messages.at(-1)).toEqual({ role: 'user', content: 'what is my cat called?' });
    expect(request.context).toMatchObject({
      mode: 'PLAYFUL',
      userName: 'Ada',
      userMessage: 'what is my cat called?',
      memories: [{ kind: 'FACT', content: 'Ada has a cat called Miso.', score: 0.9 }],
      quests: [{ title: 'Walk daily', status: 'ACTIVE' }],
      emotion: { primary: 'SADNESS', intensity: 0.7, valence: -0.6 },
    });
    expect(request.context?.persona.modeStyle).toMatch(/witty/);
    expect(request.context?.history).toHaveLength(2);
  });

  it('works from the minimal context when the router gave nothing', () => {
    const request = buildReplyRequest({
      context: toGathered({ me: null, analyzeEmotion: null }),
      history: [],
      userMessage: 'hey',
    });
    const { completeness: _completeness, ...minimal } = minimalContext();
    expect(request.context).toMatchObject({ ...minimal, userMessage: 'hey', history: [] });
    expect(request.messages).toHaveLength(2);
    expect(request.messages[0]?.content).toContain('You are Miyu');
  });
});

describe('buildReplyRequest with an imported Character Card', () => {
  it('puts the card system_prompt first, its scenario and examples in, and post_history_instructions after the message', () => {
    const context = toGathered({
      me: {
        displayName: 'Ada',
        companion: {
          mode: 'CASUAL',
          persona: {
            name: 'Kiko',
            description: '{{char}} is a fox spirit who teases {{user}}.',
            greeting: 'Yo {{user}}!',
            systemPrompt: '{{original}} Always speak in riddles.',
            scenario: '{{user}} meets {{char}} at a shrine.',
            exampleMessages: '<START>\n{{user}}: hi\n{{char}}: Hee hee.',
            postHistoryInstructions: 'Stay in character as {{char}}.',
          },
        },
      },
      conversation: { summary: 'Ada talked about her cat Miso.' },
    });
    const request = buildReplyRequest({ context, history: [message('USER', 'earlier')], userMessage: 'hello' });
    const system = request.messages[0]?.content ?? '';
    expect(system.startsWith('You are Kiko, an AI companion. Always speak in riddles.')).toBe(true);
    expect(system).toContain('Kiko is a fox spirit who teases Ada.');
    expect(system).toContain('Scenario: Ada meets Kiko at a shrine.');
    expect(system).toContain('Ada: hi\nKiko: Hee hee.');
    expect(system).toContain('Ada talked about her cat Miso.');
    expect(system).not.toContain('{{');
    expect(request.messages.map((m) => m.role)).toEqual(['system', 'user', 'user', 'system']);
    expect(request.messages.at(-1)).toEqual({ role: 'system', content: 'Stay in character as Kiko.' });
    expect(request.context?.persona.greeting).toBe('Yo Ada!');
    expect(request.context?.summary).toBe('Ada talked about her cat Miso.');
  });
});
