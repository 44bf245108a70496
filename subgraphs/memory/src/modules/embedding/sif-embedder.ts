import { ENGLISH_STOP_WORDS } from '../lexical/english-stop-words.ts';
import { words } from '../lexical/text-terms.ts';
import { DIMENSIONS, loadWordVectors, type WordVectors } from './word-vectors.ts';

/** Stored with every vector: a change of model (or of this recipe) re-embeds in the background. */
export const SIF_MODEL = 'sif-wink-sg-100d-v1';
/** SIF's smoothing constant a in a / (a + p(w)) (Arora et al. 2017 use 1e-3 to 1e-4). */
const SIF_A = 1e-3;
/** Words whose vectors estimate the common component removed from every sentence vector. */
const COMPONENT_SAMPLE = 20_000;

export interface Embedder {
  model: string;
  dimensions: number;
  /** One unit vector per text; null for a text with no known content word. */
  embed(texts: string[]): Promise<Array<Float32Array | null>>;
  /** Loads now what the first embed call would load (the offline word vectors), so no request waits for it. */
  warm?(): Promise<void>;
}

/**
 * Word frequencies without a corpus to ship: the package lists its words by corpus frequency, and
 * word frequencies follow Zipf's law, so p(word of rank r) ≈ 1 / (r · H_V), H_V the harmonic number
 * of the vocabulary size.
 */
export function zipfWeights(vocabulary: number, size: number): Float32Array {
  const harmonic = Math.log(vocabulary) + 0.5772;
  const weights = new Float32Array(size);
  for (let r = 0; r < size; r++) weights[r] = SIF_A / (SIF_A + 1 / ((r + 1) * harmonic));
  return weights;
}

/**
 * The first principal component to remove: SIF estimates it from the sentence vectors of a corpus;
 * here it is the first (uncentred) singular vector of the SIF-weighted vectors of the 20,000 most
 * frequent words, found by power iteration. A fixed sample, not the person's memories, so a vector
 * stored today stays comparable with a query embedded tomorrow.
 */
export function commonComponent(vectors: Float32Array, weights: Float32Array, sample: number): Float32Array {
  let u: Float32Array = new Float32Array(DIMENSIONS).fill(1 / Math.sqrt(DIMENSIONS));
  for (let iteration = 0; iteration < 30; iteration++) {
    const next = new Float32Array(DIMENSIONS);
    for (let r = 0; r < sample; r++) {
      const w = weights[r] ?? 0;
      let dot = 0;
      for (let d = 0; d < DIMENSIONS; d++) dot += w * (vectors[r * DIMENSIONS + d] ?? 0) * (u[d] ?? 0);
      for (let d = 0; d < DIMENSIONS; d++) next[d] = (next[d] ?? 0) + dot * w * (vectors[r * DIMENSIONS + d] ?? 0);
    }
    u = normalise(next) ?? u;
  }
  return u;
}

function normalise(vector: Float32Array): Float32Array | null {
  let norm = 0;
  for (const x of vector) norm += x * x;
  if (norm === 0) return null;
  const scale = 1 / Math.sqrt(norm);
  for (let d = 0; d < vector.length; d++) vector[d] = (vector[d] ?? 0) * scale;
  return vector;
}

/** SIF sentence vector: weighted mean of the content words' vectors, common component removed, unit length. */
export function sifVector(model: WordVectors, weights: Float32Array, component: Float32Array, text: string): Float32Array | null {
  const sum = new Float32Array(DIMENSIONS);
  let count = 0;
  for (const word of words(text)) {
    if (ENGLISH_STOP_WORDS.has(word)) continue;
    const row = model.index.get(word);
    if (row === undefined) continue;
    const w = weights[row] ?? 0;
    for (let d = 0; d < DIMENSIONS; d++) sum[d] = (sum[d] ?? 0) + w * (model.vectors[row * DIMENSIONS + d] ?? 0);
    count++;
  }
  if (count === 0) return null;
  let projection = 0;
  for (let d = 0; d < DIMENSIONS; d++) projection += (sum[d] ?? 0) * (component[d] ?? 0);
  for (let d = 0; d < DIMENSIONS; d++) sum[d] = (sum[d] ?? 0) - projection * (component[d] ?? 0);
  return normalise(sum);
}

/** The offline embedder; the vectors are read on warm() or the first embed call, never at import time. */
export function createSifEmbedder(): Embedder {
  let loaded: Promise<(text: string) => Float32Array | null> | undefined;
  const load = async () => {
    const model = await loadWordVectors();
    const weights = zipfWeights(model.fullVocabulary, model.index.size);
    const component = commonComponent(model.vectors, weights, Math.min(COMPONENT_SAMPLE, model.index.size));
    return (text: string) => sifVector(model, weights, component, text);
  };
  return {
    model: SIF_MODEL,
    dimensions: DIMENSIONS,
    async warm() {
      loaded ??= load();
      await loaded;
    },
    async embed(texts) {
      loaded ??= load();
      const embedOne = await loaded;
      return texts.map(embedOne);
    },
  };
}

let shared: Embedder | undefined;
/** One offline embedder per process (about 25 MB of vectors once loaded). */
export function sharedSifEmbedder(): Embedder {
  shared ??= createSifEmbedder();
  return shared;
}

export function cosine(a: Float32Array, b: Float32Array): number {
  let dot = 0;
  for (let d = 0; d < a.length; d++) dot += (a[d] ?? 0) * (b[d] ?? 0);
  return dot;
}
