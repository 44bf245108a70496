import { weightedLength, X_MAX_WEIGHTED } from './weighted-length.ts';

/** The counter that ends every post of a thread of more than one, e.g. " 2/3". */
export const threadCounter = (index: number, total: number): string => ` ${index + 1}/${total}`;

/** Sentences (with the spaces after them), or paragraphs' ends, as the preferred places to cut. */
function sentences(text: string): string[] {
  return text.match(/[^.!?\n]*(?:[.!?]+|\n+|$)\s*/gu)?.filter(Boolean) ?? [text];
}

/** Cuts `piece` into the longest prefixes that fit `fits`: at spaces where it can, else by code point. */
function cutToFit(piece: string, fits: (candidate: string) => boolean): string[] {
  const out: string[] = [];
  let current = '';
  for (const word of piece.match(/\S+\s*/gu) ?? []) {
    if (fits(current + word)) {
      current += word;
      continue;
    }
    if (current) out.push(current);
    current = '';
    for (const char of word) {
      if (!fits(current + char) && current) {
        out.push(current);
        current = '';
      }
      current += char;
    }
  }
  if (current) out.push(current);
  return out;
}

function splitWithTotal(text: string, total: number): string[] {
  // the widest counter of the thread, so every post fits whichever number it gets
  const counter = total > 1 ? threadCounter(total - 1, total) : '';
  const budget = (part: string) => weightedLength(part.trim() + counter) <= X_MAX_WEIGHTED;
  const parts: string[] = [];
  let current = '';
  for (const sentence of sentences(text)) {
    if (budget(current + sentence)) {
      current += sentence;
      continue;
    }
    if (current.trim()) parts.push(current);
    current = '';
    const pieces = cutToFit(sentence, budget);
    current = pieces.pop() ?? '';
    parts.push(...pieces);
  }
  if (current.trim()) parts.push(current);
  return parts.map((part) => part.trim()).filter(Boolean);
}

/**
 * A reply as posts of at most 280 weighted characters, cut between sentences where possible (then
 * between words, a single over-long word by characters). More than one post are numbered " k/n";
 * the number of posts is found by trying until the counter's width stops changing the split.
 */
export function splitThread(text: string): string[] {
  const clean = text.replace(/[ \t]+\n/gu, '\n').trim();
  if (!clean) return [];
  let total = 1;
  for (let attempt = 0; attempt < 5; attempt += 1) {
    const parts = splitWithTotal(clean, total);
    if (parts.length === total) return total > 1 ? parts.map((part, index) => part + threadCounter(index, total)) : parts;
    total = parts.length;
  }
  const parts = splitWithTotal(clean, total);
  return parts.map((part, index) => part + threadCounter(index, parts.length));
}
