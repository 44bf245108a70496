import { parseMarkdownV2 } from '@miyu/testing/fake-telegram/markdown-v2-parser';
import { describe, expect, it } from 'vitest';
import { escapeMarkdownV2, markdownToPlain, renderMarkdownV2 } from './markdown-v2.ts';
import { splitMessage } from './split-message.ts';

describe('MarkdownV2 rendering', () => {
  it('escapes every reserved character outside entities', () => {
    expect(escapeMarkdownV2('_*[]()~`>#+-=|{}.!\\')).toBe('\\_\\*\\[\\]\\(\\)\\~\\`\\>\\#\\+\\-\\=\\|\\{\\}\\.\\!\\\\');
  });

  it('keeps bold, italic, code, links and code blocks, and Telegram accepts the result', () => {
    const markdown =
      '# Hi!\nThis is **bold**, *italic*, `a.b()` and [a link](https://example.com/a_b).\n```ts\nconst a = `x`;\n```\n1 + 1 = 2 (really!)';
    const rendered = renderMarkdownV2(markdown);
    expect(rendered).toContain('*bold*');
    expect(rendered).toContain('_italic_');
    expect(rendered).toContain('`a.b()`');
    expect(rendered).toContain('[a link](https://example.com/a_b)');
    const parsed = parseMarkdownV2(rendered);
    expect(parsed).toMatchObject({ ok: true });
    expect(parsed.ok && parsed.text).toContain('1 + 1 = 2 (really!)');
  });

  it('survives stray markers the model leaves open', () => {
    for (const markdown of ['5 * 3 = 15', 'snake_case_name', 'an **unclosed bold', 'a ` lone backtick', 'end.', '[not a link]']) {
      expect(parseMarkdownV2(renderMarkdownV2(markdown))).toMatchObject({ ok: true });
    }
  });

  it('strips markers for the plain-text fallback', () => {
    expect(markdownToPlain('**Hi** [there](https://x.io)')).toBe('Hi there (https://x.io)');
  });
});

describe('the fake Bot API MarkdownV2 parser', () => {
  it('refuses what Telegram refuses', () => {
    expect(parseMarkdownV2('Hello.')).toMatchObject({
      ok: false,
      description: expect.stringContaining("Character '.' is reserved"),
    });
    expect(parseMarkdownV2('*open')).toMatchObject({ ok: false, description: expect.stringContaining("Can't find end of Bold") });
    expect(parseMarkdownV2('Hello\\.')).toEqual({ ok: true, text: 'Hello.' });
  });
});

describe('splitting long replies', () => {
  it('splits at paragraphs and sentences into parts of at most the limit', () => {
    const paragraph = 'This is one sentence. '.repeat(150).trim();
    const parts = splitMessage(`${paragraph}\n\n${paragraph}`);
    expect(parts.length).toBeGreaterThan(1);
    for (const part of parts) expect(part.length).toBeLessThanOrEqual(4096);
    expect(parts.every((part) => part.endsWith('.'))).toBe(true);
    expect(parts.join(' ').replace(/\s+/gu, ' ')).toBe(`${paragraph} ${paragraph}`);
  });

  it('measures the rendered text when asked to', () => {
    const text = '.'.repeat(3000);
    const parts = splitMessage(text, (part) => renderMarkdownV2(part).length <= 4096);
    expect(parts.map((part) => part.length)).toEqual([2048, 952]);
  });
});
