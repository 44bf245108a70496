import { createRequire } from 'node:module';
import vader from 'vader-sentiment';
import type winkNLP from 'wink-nlp';
import type { EmotionAnalysis } from './emotion.types.ts';
import { extractCues } from './emotion-cues.ts';
import type { TokenInfo } from './emotion-cues.ts';
import { buildLexiconIndex } from './emotion-lexicon-index.ts';
import type { LexiconIndex } from './emotion-lexicon-index.ts';
import { NEUTRAL_ANALYSIS, scoreEmotions } from './emotion-scoring.ts';

export interface EmotionAnalyzer {
  /** Deterministic and offline; never throws on odd input (empty, huge, emoji-only). */
  analyze(text: string): EmotionAnalysis;
}

export interface EmotionAnalyzerOptions {
  /** Characters analysed per call; the rest is ignored. Default 4,000. */
  readonly maxChars?: number;
}

export const DEFAULT_MAX_CHARS = 4_000;

type Wink = ReturnType<typeof winkNLP>;

interface Engine {
  readonly nlp: Wink;
  readonly stem: (word: string) => string;
  readonly index: LexiconIndex;
}

// The wink model takes ~150 ms to unpack, so it is required on first use, not at import time;
// createRequire keeps `analyze` synchronous where a dynamic import() could not.
function loadEngine(): Engine {
  const require = createRequire(import.meta.url);
  const wink = require('wink-nlp') as typeof winkNLP;
  const model = require('wink-eng-lite-web-model') as Parameters<typeof winkNLP>[0];
  const stem = (model.addons as { stem?: unknown }).stem;
  if (typeof stem !== 'function') throw new Error('wink-eng-lite-web-model: the stem addon is missing');
  const stemWord = (word: string): string => String(stem(word));
  return { nlp: wink(model, ['sbd', 'negation']), stem: stemWord, index: buildLexiconIndex(stemWord) };
}

/** Cuts at `max` characters without splitting a surrogate pair (half an emoji). */
export function capText(text: string, max: number): string {
  if (text.length <= max) return text;
  const code = text.charCodeAt(max - 1);
  return text.slice(0, code >= 0xd800 && code <= 0xdbff ? max - 1 : max);
}

function tokenize(nlp: Wink, text: string): TokenInfo[] {
  const its = nlp.its;
  const tokens = nlp.readDoc(text).tokens();
  const normals = tokens.out(its.normal) as string[];
  const values = tokens.out(its.value) as string[];
  const types = tokens.out(its.type) as string[];
  const negations = tokens.out(its.negationFlag) as boolean[];
  return normals.map((normal, i) => ({
    normal,
    value: values[i] ?? normal,
    type: types[i] ?? 'word',
    negated: negations[i] === true,
  }));
}

export function createEmotionAnalyzer(options: EmotionAnalyzerOptions = {}): EmotionAnalyzer {
  const maxChars = Math.max(1, options.maxChars ?? DEFAULT_MAX_CHARS);
  let engine: Engine | undefined;
  return {
    analyze(text) {
      if (typeof text !== 'string' || text.trim() === '') return NEUTRAL_ANALYSIS;
      engine ??= loadEngine();
      const capped = capText(text, maxChars);
      const cues = extractCues(tokenize(engine.nlp, capped), engine.index, engine.stem);
      const { compound } = vader.SentimentIntensityAnalyzer.polarity_scores(capped);
      return scoreEmotions(cues, compound);
    },
  };
}

// The one module-level memo: a convenience for callers that do not wire their own analyzer.
let defaultAnalyzer: EmotionAnalyzer | undefined;

/** Analyses `text` with a lazily created shared analyzer (see createEmotionAnalyzer). */
export function analyzeEmotion(text: string): EmotionAnalysis {
  defaultAnalyzer ??= createEmotionAnalyzer();
  return defaultAnalyzer.analyze(text);
}
