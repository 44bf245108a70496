/** What Telegram makes of a MarkdownV2 text: the visible text, or the 400 it answers. */
export type MarkdownV2Result = { ok: true; text: string } | { ok: false; description: string };

const RESERVED = new Set(['_', '*', '[', ']', '(', ')', '~', '`', '>', '#', '+', '-', '=', '|', '{', '}', '.', '!']);
const NAMES: Record<string, string> = {
  '*': 'Bold',
  _: 'Italic',
  __: 'Underline',
  '~': 'Strikethrough',
  '||': 'Spoiler',
  '[': 'TextUrl',
};

const refuse = (description: string): MarkdownV2Result => ({
  ok: false,
  description: `Bad Request: can't parse entities: ${description}`,
});

/**
 * Parses MarkdownV2 the way the Bot API does, strictly enough to catch what a worker gets wrong:
 * every reserved character outside an entity marker must be escaped with a backslash, entities
 * must be closed, inside `code` and ```pre``` only ` and \ may (and must) be escaped, and inside a
 * link's (url) only ) and \.
 */
export function parseMarkdownV2(source: string): MarkdownV2Result {
  let text = '';
  const open: { marker: string; at: number }[] = [];
  let i = 0;
  const toggle = (marker: string) => {
    const top = open.at(-1);
    if (top?.marker === marker) open.pop();
    else if (open.some((entry) => entry.marker === marker)) return false;
    else open.push({ marker, at: i });
    return true;
  };
  while (i < source.length) {
    const char = source[i]!;
    if (char === '\\') {
      const next = source[i + 1];
      if (next === undefined || next.charCodeAt(0) > 126)
        return refuse(`Character '\\' is reserved and must be escaped with the preceding '\\'`);
      text += next;
      i += 2;
      continue;
    }
    if (char === '`') {
      const fence = source.startsWith('```', i) ? '```' : '`';
      let j = i + fence.length;
      if (fence === '```') while (j < source.length && source[j] !== '\n' && /[\w+-]/u.test(source[j]!)) j += 1;
      let body = '';
      for (;;) {
        if (j >= source.length) return refuse(`Can't find end of ${fence === '```' ? 'Pre' : 'Code'} entity at byte offset ${i}`);
        if (source[j] === '\\' && (source[j + 1] === '`' || source[j + 1] === '\\')) {
          body += source[j + 1];
          j += 2;
        } else if (source.startsWith(fence, j)) break;
        else if (source[j] === '`') return refuse(`Can't find end of Code entity at byte offset ${i}`);
        else {
          body += source[j];
          j += 1;
        }
      }
      text += fence === '```' ? body.replace(/^\n/u, '') : body;
      i = j + fence.length;
      continue;
    }
    if (char === ']') {
      if (open.at(-1)?.marker !== '[' || source[i + 1] !== '(')
        return refuse(`Character ']' is reserved and must be escaped with the preceding '\\'`);
      let j = i + 2;
      while (j < source.length && source[j] !== ')') j += source[j] === '\\' ? 2 : 1;
      if (j >= source.length) return refuse(`Can't find end of a URL at byte offset ${i}`);
      open.pop();
      i = j + 1;
      continue;
    }
    const marker = source.startsWith('__', i) ? '__' : source.startsWith('||', i) ? '||' : char;
    if (marker === '[') {
      open.push({ marker, at: i });
      i += 1;
      continue;
    }
    if (['*', '_', '__', '~', '||'].includes(marker)) {
      if (!toggle(marker))
        return refuse(`Can't find end of ${NAMES[open.at(-1)!.marker]} entity at byte offset ${open.at(-1)!.at}`);
      i += marker.length;
      continue;
    }
    if (char === '>' && (i === 0 || source[i - 1] === '\n')) {
      i += 1;
      continue;
    }
    if (RESERVED.has(char)) return refuse(`Character '${char}' is reserved and must be escaped with the preceding '\\'`);
    text += char;
    i += 1;
  }
  const unclosed = open.at(-1);
  if (unclosed) return refuse(`Can't find end of ${NAMES[unclosed.marker]} entity at byte offset ${unclosed.at}`);
  return { ok: true, text };
}
