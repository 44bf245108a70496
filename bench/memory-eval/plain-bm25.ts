/**
 * The baseline: textbook Okapi BM25 (k1 = 1.2, b = 0.75, IDF = ln(1 + (N - df + 0.5) / (df + 0.5)))
 * over one person's turns, lower-cased letter/digit tokens, no stemming, no stop words.
 */
export function plainBm25(documents: Array<{ id: string; text: string }>) {
  const k1 = 1.2;
  const b = 0.75;
  const tokens = (text: string) => text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];
  const docs = documents.map((doc) => {
    const terms = tokens(doc.text);
    const tf = new Map<string, number>();
    for (const term of terms) tf.set(term, (tf.get(term) ?? 0) + 1);
    return { id: doc.id, length: terms.length, tf };
  });
  const df = new Map<string, number>();
  for (const doc of docs) for (const term of doc.tf.keys()) df.set(term, (df.get(term) ?? 0) + 1);
  const avgdl = docs.reduce((sum, doc) => sum + doc.length, 0) / Math.max(docs.length, 1);
  const n = docs.length;
  return (query: string, limit: number): string[] => {
    const terms = [...new Set(tokens(query))];
    const scored = docs.map((doc) => {
      let score = 0;
      for (const term of terms) {
        const f = doc.tf.get(term);
        if (!f) continue;
        const d = df.get(term) ?? 0;
        const idf = Math.log(1 + (n - d + 0.5) / (d + 0.5));
        score += (idf * f * (k1 + 1)) / (f + k1 * (1 - b + (b * doc.length) / avgdl));
      }
      return { id: doc.id, score };
    });
    return scored
      .filter((doc) => doc.score > 0)
      .sort((x, y) => y.score - x.score)
      .slice(0, limit)
      .map((doc) => doc.id);
  };
}
