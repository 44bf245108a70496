/**
 * Splits text into parts that each satisfy `fits`, cutting at the most natural boundary that
 * keeps a part at least half full: a paragraph, then a line, then a sentence, then a word; a
 * word longer than a whole part is cut hard (never inside a surrogate pair). `fits` must be
 * monotone: if a string fits, so does every prefix of it.
 */
export function splitText(text: string, fits: (part: string) => boolean): string[] {
  const parts: string[] = [];
  let rest = text.trim();
  while (rest.length > 0) {
    if (fits(rest)) {
      parts.push(rest);
      break;
    }
    const limit = longestFittingPrefix(rest, fits);
    const cut = naturalCut(rest, limit);
    const part = rest.slice(0, cut).trimEnd();
    if (part.length > 0) parts.push(part);
    rest = rest.slice(cut).trimStart();
  }
  return parts;
}

/** Binary search: the longest prefix length (in UTF-16 units) that fits; at least one character. */
function longestFittingPrefix(text: string, fits: (part: string) => boolean): number {
  let low = 0;
  let high = text.length;
  while (low < high) {
    const mid = Math.ceil((low + high) / 2);
    if (fits(text.slice(0, mid))) low = mid;
    else high = mid - 1;
  }
  return Math.max(1, avoidSplittingPair(text, low));
}

const BOUNDARIES = [/\n\s*\n/g, /\n/g, /[.!?…](?=\s)/g, /\s/g];

/** The end of the part: just after the last boundary of the best kind within `limit`. */
function naturalCut(text: string, limit: number): number {
  const window = text.slice(0, limit + 1);
  for (const [kind, pattern] of BOUNDARIES.entries()) {
    let best = -1;
    for (const match of window.matchAll(pattern)) {
      // Punctuation stays with its sentence; whitespace boundaries are dropped by trimming.
      const end = kind === 2 ? match.index + match[0].length : match.index;
      if (end <= limit) best = end;
    }
    const minimum = kind === BOUNDARIES.length - 1 ? 1 : limit / 2;
    if (best >= minimum) return best;
  }
  return limit;
}

function avoidSplittingPair(text: string, cut: number): number {
  const code = text.charCodeAt(cut - 1);
  return code >= 0xd800 && code <= 0xdbff ? cut - 1 : cut;
}
