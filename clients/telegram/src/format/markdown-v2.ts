/** Characters Telegram's MarkdownV2 reserves outside code: each needs a backslash. */
const RESERVED = /[_*[\]()~`>#+\-=|{}.!\\]/gu;

export function escapeMarkdownV2(text: string): string {
  return text.replace(RESERVED, (char) => `\\${char}`);
}

/** Inside `code` and ```pre``` only ` and \ are escaped. */
function escapeCode(text: string): string {
  return text.replace(/[`\\]/gu, (char) => `\\${char}`);
}

/** Inside the (url) of a link only ) and \ are escaped. */
function escapeUrl(url: string): string {
  return url.replace(/[)\\]/gu, (char) => `\\${char}`);
}

// Markdown constructs the model uses, in priority order; anything else is text.
const MARKDOWN =
  /```([\w+-]*)\n?([\s\S]*?)```|`([^`\n]+)`|\*\*([^*\n]+?)\*\*|__([^_\n]+?)__|~~([^~\n]+?)~~|\[([^\]\n]+)\]\((https?:\/\/[^)\s]+)\)|(?<![\w*\\])\*(?![\s*])([^*\n]+?)(?<!\s)\*(?![\w*])|(?<![\w_\\])_(?![\s_])([^_\n]+?)(?<!\s)_(?![\w_])/gu;

/**
 * Renders the model's Markdown as Telegram MarkdownV2: bold, italic, strikethrough, inline code,
 * code blocks and links keep their meaning, every other reserved character is escaped (the model's
 * Markdown is not trusted to be valid MarkdownV2, and Telegram rejects a whole message for one
 * stray `.`). Headings become bold lines.
 */
export function renderMarkdownV2(markdown: string): string {
  const lines = markdown.replace(/^#{1,6}\s+(.+)$/gmu, '**$1**');
  let out = '';
  let last = 0;
  for (const match of lines.matchAll(MARKDOWN)) {
    out += escapeMarkdownV2(lines.slice(last, match.index));
    last = match.index + match[0].length;
    const [, lang, pre, code, bold, bold2, strike, linkText, linkUrl, italic, italic2] = match;
    if (pre !== undefined) out += `\`\`\`${lang ?? ''}\n${escapeCode(pre)}\`\`\``;
    else if (code !== undefined) out += `\`${escapeCode(code)}\``;
    else if (bold !== undefined || bold2 !== undefined) out += `*${escapeMarkdownV2(bold ?? bold2 ?? '')}*`;
    else if (strike !== undefined) out += `~${escapeMarkdownV2(strike)}~`;
    else if (linkText !== undefined && linkUrl !== undefined) out += `[${escapeMarkdownV2(linkText)}](${escapeUrl(linkUrl)})`;
    else out += `_${escapeMarkdownV2(italic ?? italic2 ?? '')}_`;
  }
  return out + escapeMarkdownV2(lines.slice(last));
}

/** The Markdown with its markers removed: what the plain-text fallback shows. */
export function markdownToPlain(markdown: string): string {
  return markdown
    .replace(/^#{1,6}\s+/gmu, '')
    .replace(/```[\w+-]*\n?([\s\S]*?)```/gu, '$1')
    .replace(/\*\*([^*\n]+?)\*\*|__([^_\n]+?)__/gu, '$1$2')
    .replace(/\[([^\]\n]+)\]\((https?:\/\/[^)\s]+)\)/gu, '$1 ($2)');
}
