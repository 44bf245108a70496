import { describe, expect, it } from 'vitest';
import { markdownToPlainText } from './plain-text.ts';
import { splitThread } from './split-thread.ts';

describe('markdownToPlainText', () => {
  it('drops emphasis, strikethrough and code markers and keeps their words', () => {
    expect(markdownToPlainText('I **really** like _green_ tea, not ~~coffee~~. Try `matcha`!')).toBe(
      'I really like green tea, not coffee. Try matcha!',
    );
    expect(markdownToPlainText('__Bold__ and *italic* and ***both***')).toBe('Bold and italic and both');
  });

  it('leaves snake_case, arithmetic and lone asterisks alone', () => {
    expect(markdownToPlainText('my_file_name and 2 * 3 * 4 and a * star')).toBe('my_file_name and 2 * 3 * 4 and a * star');
  });

  it('turns headings, quotes, lists and rules into plain lines', () => {
    const markdown = '## Three ideas\n\n> a thought\n\n- walk\n* read\n+ rest\n\n---\n\n1. first';
    expect(markdownToPlainText(markdown)).toBe('Three ideas\n\na thought\n\n• walk\n• read\n• rest\n\n1. first');
  });

  it('keeps a link’s words and address, an image’s description, and unescapes', () => {
    expect(markdownToPlainText('See [the docs](https://example.com/docs "Docs") or <https://x.com>.')).toBe(
      'See the docs (https://example.com/docs) or https://x.com.',
    );
    expect(markdownToPlainText('[https://example.com](https://example.com)')).toBe('https://example.com');
    expect(markdownToPlainText('![a cat on a mat](https://img.example/cat.png)')).toBe('a cat on a mat');
    expect(markdownToPlainText('1\\. not a list, \\*not bold\\*')).toBe('1. not a list, *not bold*');
  });

  it('keeps code from a fenced block without the fences', () => {
    expect(markdownToPlainText('Run this:\n```sh\nnpm start\n```\nDone.')).toBe('Run this:\nnpm start\nDone.');
  });

  it('leaves no Markdown markers in the posts of a thread', () => {
    const reply = Array.from({ length: 8 }, (_, i) => `**Point ${i + 1}:** this is _quite_ a long sentence about \`tea\`.`).join(
      '\n\n',
    );
    const posts = splitThread(markdownToPlainText(reply));
    expect(posts.length).toBeGreaterThan(1);
    for (const post of posts) expect(post).not.toMatch(/\*\*|`|(?<!\w)_|_(?!\w)/u);
  });
});
