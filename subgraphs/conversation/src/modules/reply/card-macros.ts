/** The names Character Card macros stand for in one reply. */
export interface MacroNames {
  /** The persona speaking ({{char}}, and V1's <BOT>). */
  readonly char: string;
  /** The person she talks to ({{user}}, and V1's <USER>). */
  readonly user: string;
}

const MACRO = /\{\{\s*(char|user|original)\s*\}\}|<(BOT|USER)>/giu;

/**
 * Fills a card text's macros the way Character Card V2 frontends do: {{char}} and {{user}} (any
 * case, V1's <BOT> and <USER> too) become the names, and {{original}} (meaningful in system_prompt
 * and post_history_instructions) becomes the text the card replaces. Unknown macros stay as written.
 */
export function fillCardMacros(text: string, names: MacroNames, original = ''): string {
  return text.replace(MACRO, (_match, braced: string | undefined, legacy: string | undefined) => {
    const which = (braced ?? legacy ?? '').toLowerCase();
    if (which === 'original') return original;
    return which === 'user' ? names.user : names.char;
  });
}

/** Splits a card's mes_example into its dialogue blocks (each opened by <START>), empty ones dropped. */
export function exampleBlocks(mesExample: string | null | undefined): string[] {
  return (mesExample ?? '')
    .split(/<START>/iu)
    .map((block) => block.trim())
    .filter((block) => block.length > 0);
}
