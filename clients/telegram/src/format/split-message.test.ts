import { describe, expect, it } from 'vitest';
import { splitMessage, TELEGRAM_MAX_CHARS } from './split-message.ts';

describe('splitMessage', () => {
  it('keeps a reply that fits whole, and gives nothing for an empty one', () => {
    expect(splitMessage('  Hello!  ')).toEqual(['Hello!']);
    expect(splitMessage(' \n ')).toEqual([]);
    const exact = 'x'.repeat(TELEGRAM_MAX_CHARS);
    expect(splitMessage(exact)).toEqual([exact]);
  });

  it('cuts between paragraphs first', () => {
    const paragraphs = Array.from({ length: 6 }, (_, i) => `${i}. ${'word '.repeat(150).trim()}.`);
    const parts = splitMessage(paragraphs.join('\n\n'));
    expect(parts.length).toBeGreaterThan(1);
    for (const part of parts) {
      expect(part.length).toBeLessThanOrEqual(TELEGRAM_MAX_CHARS);
      expect(part).toMatch(/^\d\. [\s\S]*\.$/u);
    }
    expect(parts.join('\n\n')).toBe(paragraphs.join('\n\n'));
  });

  it('cuts one long paragraph between sentences, then between words', () => {
    const sentences = Array.from({ length: 120 }, (_, i) => `Sentence ${i} is about here and ends.`).join(' ');
    const parts = splitMessage(sentences);
    expect(parts.length).toBe(2);
    expect(parts[0]).toMatch(/ends\.$/u);
    expect(parts[1]).toMatch(/^Sentence \d+/u);
    expect(parts.join(' ')).toBe(sentences);

    const words = 'lorem '.repeat(1000).trim();
    for (const part of splitMessage(words)) expect(part).toMatch(/^lorem( lorem)*$/u);
  });

  it('cuts a single word longer than a message at the limit', () => {
    const word = 'z'.repeat(TELEGRAM_MAX_CHARS * 2 + 10);
    expect(splitMessage(word).map((part) => part.length)).toEqual([TELEGRAM_MAX_CHARS, TELEGRAM_MAX_CHARS, 10]);
  });

  it('measures with the caller’s rule (the MarkdownV2 length, escapes included)', () => {
    const parts = splitMessage('a.b.c. '.repeat(10).trim(), (part) => part.replace(/\./gu, '\\.').length <= 20);
    for (const part of parts) expect(part.replace(/\./gu, '\\.').length).toBeLessThanOrEqual(20);
    expect(parts.join(' ')).toBe('a.b.c. '.repeat(10).trim());
  });
});
