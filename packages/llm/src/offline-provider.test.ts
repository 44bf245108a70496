import { describe, expect, it } from 'vitest';
import type { ChatChunk, ReplyContext } from './llm-provider.ts';
import { createOfflineProvider } from './offline-provider.ts';

const persona = { name: 'Miyu', description: 'A warm companion.', greeting: "Hey hey! Miyu here, it's so good to see you." };

function context(overrides: Partial<ReplyContext>): ReplyContext {
  return { persona, mode: 'CASUAL', memories: [], userMessage: '', ...overrides };
}

async function reply(ctx: ReplyContext) {
  const chunks: ChatChunk[] = [];
  for await (const chunk of createOfflineProvider().streamChat(
    { messages: [{ role: 'user', content: ctx.userMessage }], context: ctx },
    new AbortController().signal,
  )) {
    chunks.push(chunk);
  }
  const text = chunks.map((c) => (c.type === 'delta' ? c.text : '')).join('');
  return { text, chunks };
}

describe('createOfflineProvider', () => {
  it('is labelled as offline', () => {
    expect(createOfflineProvider()).toMatchObject({ name: 'offline', model: 'miyu-offline-1' });
  });

  it('streams word by word and finishes with stop', async () => {
    const { text, chunks } = await reply(context({ userMessage: 'I went for a walk' }));
    const deltas = chunks.filter((c) => c.type === 'delta');
    expect(deltas.length).toBe(text.split(' ').length);
    expect(deltas.slice(0, -1).every((c) => c.type === 'delta' && /^\S+ $/u.test(c.text))).toBe(true);
    expect(chunks.at(-1)).toEqual({
      type: 'finish',
      reason: 'stop',
      usage: { promptTokens: 5, completionTokens: deltas.length },
    });
  });

  it('is deterministic: the same input gives the same reply', async () => {
    const ctx = context({
      mode: 'PLAYFUL',
      userMessage: 'I baked bread today',
      emotion: { primary: 'joy', intensity: 0.7, valence: 0.8 },
    });
    const first = await reply(ctx);
    const second = await reply(structuredClone(ctx));
    expect(second.text).toBe(first.text);
  });

  it.each([['my cat is called Miso'], ["User's cat is named Miso"]])(
    'answers "what is my cat called?" from the memory "%s"',
    async (memory) => {
      const memories = [
        { kind: 'fact', content: 'I work as a nurse in Leeds', score: 0.9 },
        { kind: 'fact', content: memory, score: 0.4 },
        { kind: 'preference', content: 'The user loves spicy ramen', score: 0.7 },
      ];
      const { text } = await reply(context({ memories, userMessage: 'what is my cat called?' }));
      expect(text).toContain('Miso');
      expect(text).toMatch(/your cat is (called|named) Miso/u);
      expect(text).not.toContain('nurse');
    },
  );

  it('admits not knowing instead of citing an unrelated memory', async () => {
    const memories = [{ kind: 'fact', content: 'my cat is called Miso', score: 0.9 }];
    const { text } = await reply(context({ memories, userMessage: "what's my sister's name?" }));
    expect(text).not.toContain('Miso');
    expect(text).toMatch(/don't (think you've told me|remember)/u);
  });

  it('greets with the persona greeting', async () => {
    const { text } = await reply(context({ userMessage: 'hello!' }));
    expect(text.startsWith("Hey hey! Miyu here, it's so good to see you.")).toBe(true);
  });

  it('comforts in supportive mode when the user is sad, and jokes in playful mode when happy', async () => {
    const message = 'I got my exam results back today';
    const sad = await reply(
      context({ mode: 'SUPPORTIVE', userMessage: message, emotion: { primary: 'sadness', intensity: 0.8, valence: -0.7 } }),
    );
    const joyful = await reply(
      context({ mode: 'PLAYFUL', userMessage: message, emotion: { primary: 'joy', intensity: 0.8, valence: 0.8 } }),
    );
    expect(sad.text).not.toBe(joyful.text);
    expect(sad.text).toMatch(/sorry|here with you|not alone|carry it alone/u);
    expect(sad.text).not.toMatch(/\p{Extended_Pictographic}/u);
    expect(joyful.text).toMatch(/\p{Extended_Pictographic}/u);
    expect(joyful.text).toMatch(/wonderful|good news|happy/u);
  });

  it('answers calmly and validates anger', async () => {
    const { text } = await reply(
      context({ userMessage: 'My landlord kept my deposit', emotion: { primary: 'anger', intensity: 0.8, valence: -0.6 } }),
    );
    expect(text).toMatch(/frustrat|upset|valid|breath/u);
  });

  it('asks a question back in reflective mode and stays short in focused mode', async () => {
    const message = 'I keep putting off my thesis';
    const reflective = await reply(context({ mode: 'REFLECTIVE', userMessage: message }));
    const focused = await reply(context({ mode: 'FOCUSED', userMessage: message }));
    expect(reflective.text.trim().endsWith('?')).toBe(true);
    expect(focused.text.split(' ').length).toBeLessThan(reflective.text.split(' ').length);
    expect(focused.text.split(' ').length).toBeLessThanOrEqual(3);
  });

  it('answers from the last user message when no context is given', async () => {
    const provider = createOfflineProvider();
    let text = '';
    for await (const c of provider.streamChat({ messages: [{ role: 'user', content: 'hi' }] }, new AbortController().signal)) {
      if (c.type === 'delta') text += c.text;
    }
    expect(text).toContain('Miyu');
  });

  it('stops with the abort reason', async () => {
    const controller = new AbortController();
    controller.abort(new Error('stop now'));
    const stream = createOfflineProvider().streamChat(
      { messages: [], context: context({ userMessage: 'hi' }) },
      controller.signal,
    );
    await expect(stream[Symbol.asyncIterator]().next()).rejects.toThrow('stop now');
  });
});
