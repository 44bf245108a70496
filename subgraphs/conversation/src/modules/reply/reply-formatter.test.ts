import { describe, expect, it } from 'vitest';
import { escapeMarkdownV2, formatReply } from './reply-formatter.ts';

const sentence = (n: number) => `Sentence number ${n} talks about the weather today.`;

describe('formatReply', () => {
  it('keeps web and API replies as one markdown part', () => {
    expect(formatReply('**Hi** _there_!', 'WEB')).toEqual(['**Hi** _there_!']);
    expect(formatReply('a. b!', 'API')).toEqual(['a. b!']);
    expect(formatReply('   ', 'WEB')).toEqual([]);
  });

  it('escapes every MarkdownV2 special character for Telegram', () => {
    expect(escapeMarkdownV2('_*[]()~`>#+-=|{}.!\\')).toBe('\\_\\*\\[\\]\\(\\)\\~\\`\\>\\#\\+\\-\\=\\|\\{\\}\\.\\!\\\\');
    expect(formatReply('Hi! 1+1=2 (really).', 'TELEGRAM')).toEqual(['Hi\\! 1\\+1\\=2 \\(really\\)\\.']);
  });

  it('splits long Telegram replies into messages of at most 4096 characters at sentence ends', () => {
    const text = Array.from({ length: 200 }, (_, i) => sentence(i)).join(' ');
    const parts = formatReply(text, 'TELEGRAM');
    expect(parts.length).toBe(3);
    for (const part of parts) {
      expect(part.length).toBeLessThanOrEqual(4096);
      expect(part.endsWith('today\\.')).toBe(true);
    }
    const unescaped = (part: string) => part.replace(/\\(.)/g, '$1');
    expect(parts.map(unescaped).join(' ')).toBe(text);
  });

  it('never cuts a Telegram escape in half, even in text made only of special characters', () => {
    const parts = formatReply('.'.repeat(5000), 'TELEGRAM');
    expect(parts.map((part) => part.length)).toEqual([4096, 4096, 1808]);
    for (const part of parts) expect(part).toMatch(/^(\\\.)+$/);
  });

  it('keeps a short X reply as one post without numbering', () => {
    expect(formatReply('x'.repeat(280), 'TWITTER')).toEqual(['x'.repeat(280)]);
  });

  it('threads a long X reply into numbered posts of at most 280 characters on word boundaries', () => {
    const text = Array.from({ length: 20 }, (_, i) => sentence(i)).join(' ');
    const parts = formatReply(text, 'TWITTER');
    expect(parts.length).toBeGreaterThan(3);
    parts.forEach((part, i) => {
      expect(part.length).toBeLessThanOrEqual(280);
      expect(part.endsWith(` ${i + 1}/${parts.length}`)).toBe(true);
    });
    const stripped = parts.map((part) => part.replace(/ \d+\/\d+$/, ''));
    expect(stripped.join(' ')).toBe(text);
    expect(stripped.every((part) => part.endsWith('today.'))).toBe(true);
  });

  it('cuts a word longer than a post hard and numbers double-digit threads correctly', () => {
    const parts = formatReply('y'.repeat(3000), 'TWITTER');
    expect(parts.length).toBe(11);
    expect(parts[0]).toBe(`${'y'.repeat(274)} 1/11`);
    expect(parts.every((part) => part.length <= 280)).toBe(true);
    expect(parts.at(-1)).toMatch(/ 11\/11$/);
  });

  it('prefers paragraph breaks and never splits a surrogate pair', () => {
    const text = `${'a '.repeat(100).trim()}\n\n${'b '.repeat(100).trim()}`;
    expect(formatReply(text, 'TWITTER').map((part) => part.replace(/ \d\/\d$/, ''))).toEqual([
      'a '.repeat(100).trim(),
      'b '.repeat(100).trim(),
    ]);
    const emoji = '😀'.repeat(200);
    const parts = formatReply(emoji, 'TWITTER');
    expect(parts.map((part) => part.replace(/ \d\/\d$/, '')).join('')).toBe(emoji);
  });
});
