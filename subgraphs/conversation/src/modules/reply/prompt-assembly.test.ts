import type { ChatMessage } from '@miyu/llm/llm-provider';
import { describe, expect, it } from 'vitest';
import { exampleBlocks, fillCardMacros } from './card-macros.ts';
import { assemblePrompt, type PromptParts } from './prompt-assembly.ts';
import { countPromptTokens, countTextTokens, truncateToTokens } from './token-counter.ts';

const turns = (n: number): ChatMessage[] =>
  Array.from({ length: n }, (_, i) => ({ role: i % 2 ? 'assistant' : 'user', content: `turn ${i} ${'word '.repeat(20)}` }));

const parts = (over: Partial<PromptParts> = {}): PromptParts => ({
  system: 'You are Kiko, a fox spirit.',
  rules: 'Never claim to be human.',
  userMessage: 'what now?',
  postHistory: 'Stay in character.',
  summary: 'Ada adopted a cat called Miso in May.',
  memories: ['- (fact) best', '- (fact) second', '- (fact) third'],
  history: turns(10),
  examples: ['Kiko: hee hee', 'Kiko: boo'],
  headers: { summary: 'Summary:', memories: 'Memories:', examples: 'Examples:' },
  ...over,
});

describe('assemblePrompt', () => {
  it('orders system prompt, summary, memories, examples, rules, then turns, the message and post-history instructions', () => {
    const { messages, report } = assemblePrompt(parts(), 100_000);
    expect(messages.map((m) => m.role)).toEqual(['system', ...turns(10).map((t) => t.role), 'user', 'system']);
    const system = messages[0]?.content ?? '';
    const at = (text: string) => system.indexOf(text);
    expect(at('You are Kiko')).toBe(0);
    expect(at('You are Kiko')).toBeLessThan(at('Summary:'));
    expect(at('Ada adopted')).toBeLessThan(at('- (fact) best'));
    expect(at('- (fact) best')).toBeLessThan(at('- (fact) third'));
    expect(at('- (fact) third')).toBeLessThan(at('Kiko: hee hee'));
    expect(system.endsWith('Never claim to be human.')).toBe(true);
    expect(messages.at(-2)).toEqual({ role: 'user', content: 'what now?' });
    expect(messages.at(-1)).toEqual({ role: 'system', content: 'Stay in character.' });
    expect(report).toMatchObject({ summary: 'whole', memories: { kept: 3 }, turns: { kept: 10 }, examples: { kept: 2 } });
    expect(report.tokens).toBe(countPromptTokens(messages));
  });

  it('keeps the newest turns that fit, drops examples first, and never goes over the budget', () => {
    const full = assemblePrompt(parts(), 100_000).report.tokens;
    const perTurn = countTextTokens(turns(1)[0]?.content ?? '') + 4;
    const budget = full - perTurn * 4;
    const { messages, history, report } = assemblePrompt(parts(), budget);
    expect(report.tokens).toBeLessThanOrEqual(budget);
    expect(countPromptTokens(messages)).toBe(report.tokens);
    expect(report.examples.kept).toBeLessThan(2);
    expect(report.turns.kept).toBeGreaterThanOrEqual(5);
    expect(report.turns.kept).toBeLessThan(10);
    // the newest turns, contiguous, oldest first
    expect(history).toEqual(turns(10).slice(10 - report.turns.kept));
    expect(report).toMatchObject({ summary: 'whole', memories: { kept: 3 } });
  });

  it('gives the summary and the best memories room before the turns, and cuts the summary last', () => {
    const minimal = assemblePrompt(parts({ summary: undefined, memories: [], history: [], examples: [] }), 100_000).report.tokens;
    const tight = assemblePrompt(parts({ summary: 'word '.repeat(400) }), minimal + 40);
    expect(tight.report.tokens).toBeLessThanOrEqual(minimal + 40);
    expect(tight.report).toMatchObject({ summary: 'cut', turns: { kept: 0 }, memories: { kept: 0 } });
    expect(tight.messages[0]?.content).toMatch(/word…$/mu);
    const roomy = assemblePrompt(parts(), minimal + 60);
    expect(roomy.report.summary).toBe('whole');
    expect(roomy.report.memories.kept).toBeGreaterThan(0);
    expect(roomy.messages[0]?.content).toContain('- (fact) best');
    expect(roomy.report.turns.kept).toBe(0);
  });

  it('always sends the system prompt, the new message and the post-history instructions', () => {
    const { messages, report } = assemblePrompt(parts(), 10);
    expect(messages).toHaveLength(3);
    expect(messages[0]?.content).toBe('You are Kiko, a fox spirit.\nNever claim to be human.');
    expect(report).toMatchObject({ summary: 'left out', memories: { kept: 0, leftOut: 3 }, turns: { kept: 0, leftOut: 10 } });
  });
});

describe('card macros and tokens', () => {
  it('fills {{char}}, {{user}}, <BOT>, <USER> in any case and {{original}} with the replaced text', () => {
    const names = { char: 'Kiko', user: 'Ada' };
    expect(fillCardMacros('{{char}} greets {{ USER }}; <BOT> and <USER>. {{Char}}', names)).toBe(
      'Kiko greets Ada; Kiko and Ada. Kiko',
    );
    expect(fillCardMacros('{{original}} Be brief.', names, 'You are Kiko.')).toBe('You are Kiko. Be brief.');
    expect(fillCardMacros('{{unknown}}', names)).toBe('{{unknown}}');
  });

  it('splits mes_example at <START>', () => {
    expect(exampleBlocks('<START>\n{{user}}: hi\n{{char}}: yo\n<START>\n\n<start>{{char}}: bye')).toEqual([
      '{{user}}: hi\n{{char}}: yo',
      '{{char}}: bye',
    ]);
    expect(exampleBlocks(null)).toEqual([]);
  });

  it('counts with gpt-tokenizer and cuts to a token count', () => {
    expect(countTextTokens('')).toBe(0);
    expect(countTextTokens('hello world')).toBe(2);
    const cut = truncateToTokens('one two three four five six seven eight', 5);
    expect(countTextTokens(cut)).toBeLessThanOrEqual(5);
    expect(cut.endsWith('…')).toBe(true);
    expect(truncateToTokens('short', 5)).toBe('short');
    expect(truncateToTokens('short', 0)).toBe('');
  });
});
