/** Telegram's limit for one message's text (after entity parsing). */
export const TELEGRAM_MAX_CHARS = 4096;

/**
 * Splits text into parts for which `fits` holds, preferring paragraph breaks, then line breaks,
 * then sentence ends, then spaces; a single word longer than a part is cut.
 */
export function splitMessage(
  text: string,
  fits: (part: string) => boolean = (part) => part.length <= TELEGRAM_MAX_CHARS,
): string[] {
  const trimmed = text.trim();
  if (trimmed.length === 0) return [];
  if (fits(trimmed)) return [trimmed];
  const parts: string[] = [];
  let rest = trimmed;
  while (rest.length > 0) {
    if (fits(rest)) {
      parts.push(rest);
      break;
    }
    const cut = bestCut(rest, fits);
    parts.push(rest.slice(0, cut).trimEnd());
    rest = rest.slice(cut).trimStart();
  }
  return parts.filter((part) => part.length > 0);
}

function bestCut(text: string, fits: (part: string) => boolean): number {
  // the longest prefix that fits, found by binary search (fits is monotonic in length)
  let low = 1;
  let high = text.length;
  while (low < high) {
    const mid = Math.ceil((low + high) / 2);
    if (fits(text.slice(0, mid))) low = mid;
    else high = mid - 1;
  }
  const window = text.slice(0, low);
  for (const boundary of [/\n\n(?=[^\n]*$)/u, /\n(?=[^\n]*$)/u, /[.!?…](?=\s[^.!?…]*$)/u, /\s(?=\S*$)/u]) {
    const found = boundary.exec(window);
    // a boundary in the first fifth would leave a tiny part; cut at the limit instead
    if (found && found.index + found[0].length > low / 5) return found.index + found[0].length;
  }
  return low;
}
