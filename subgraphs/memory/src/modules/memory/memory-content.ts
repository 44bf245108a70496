import { createHash } from 'node:crypto';

/** Trims and NFC-normalises stored text; inner line breaks are the user's and are kept. */
export function cleanContent(content: string): string {
  return content.normalize('NFC').trim();
}

/**
 * The de-duplication key: case- and whitespace-insensitive, hashed so the unique index stays
 * small whatever the content length (a 2,000-character multi-byte text would exceed btree limits).
 */
export function contentKey(content: string): string {
  const normalised = content.normalize('NFKC').toLowerCase().replace(/\s+/gu, ' ').trim();
  return createHash('sha256').update(normalised).digest('hex');
}

/** At most this many distinct words of a recall query reach the full-text search. */
export const MAX_QUERY_TERMS = 32;

/**
 * Turns free text into an OR-ed `to_tsquery` source ("cat | called | ...").
 * Only letters and digits survive, so no tsquery operator from the user reaches PostgreSQL;
 * the english configuration then stems the words and drops stopwords ("what", "is", "my").
 * OR rather than AND (websearch/plainto) so one matching word is enough to be a candidate;
 * ts_rank_cd still ranks memories matching more of the words higher.
 */
export function toOrTsQuery(text: string): string | null {
  const words = text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];
  const unique = [...new Set(words)].slice(0, MAX_QUERY_TERMS);
  return unique.length > 0 ? unique.join(' | ') : null;
}
