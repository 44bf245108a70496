/**
 * The model writes Markdown; X shows text as it is. The markers go and what they marked stays:
 * emphasis, strikethrough and code lose their `*`, `_`, `~` and backticks, headings and quotes their
 * leading marks, list items start with "•", a link keeps its words and its address (X shortens
 * every URL to 23 characters), an image its description, a backslash escape its character.
 */
export function markdownToPlainText(markdown: string): string {
  return (
    markdown
      .replace(/\r\n?/gu, '\n')
      // fenced code: the code, without the fences
      .replace(/^```[^\n]*\n([\s\S]*?)\n?```[ \t]*$/gmu, '$1')
      .replace(/^[ \t]*(?:[-*_][ \t]*){3,}$/gmu, '')
      .replace(/^[ \t]{0,3}#{1,6}[ \t]+(.*?)[ \t#]*$/gmu, '$1')
      .replace(/^[ \t]{0,3}>[ \t]?/gmu, '')
      .replace(/^([ \t]*)[-*+][ \t]+/gmu, '$1• ')
      .replace(/!\[([^\]\n]*)\]\([^)\s]+(?:\s+"[^"]*")?\)/gu, '$1')
      .replace(/\[([^\]\n]+)\]\((\S+?)(?:\s+"[^"]*")?\)/gu, (_, text: string, url: string) =>
        text === url || text === url.replace(/^https?:\/\//u, '') ? url : `${text} (${url})`,
      )
      .replace(/<(https?:\/\/[^>\s]+)>/gu, '$1')
      .replace(/`([^`\n]+)`/gu, '$1')
      .replace(/(\*\*|__)(?=\S)([^\n]*?\S)\1/gu, '$2')
      .replace(/~~(?=\S)([^\n]*?\S)~~/gu, '$1')
      .replace(/(?<![\w*\\])\*(?![\s*])([^*\n]+?)(?<![\s\\])\*(?![\w*])/gu, '$1')
      .replace(/(?<![\w\\])_(?![\s_])([^_\n]+?)(?<![\s\\])_(?!\w)/gu, '$1')
      .replace(/\\([\\`*_{}[\]()#+\-.!~>|])/gu, '$1')
      .replace(/\n{3,}/gu, '\n\n')
      .trim()
  );
}
