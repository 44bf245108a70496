export type Speaker = 'User' | 'Companion';

/** A turn as the summary keeps it: its most informative sentence and how informative it is. */
export interface SummaryLine {
  speaker: Speaker;
  text: string;
  score: number;
}

/**
 * What is stored for a conversation: the summary of its older part (`lines`, in the order they
 * were said) and the most recent turns, which the reply prompt shows in full and the summary
 * therefore leaves out until they fall out of that window.
 */
export interface SummaryState {
  lines: SummaryLine[];
  recent: SummaryLine[];
}

const MARK = '{"rollingSummary":1,';

/** Reads a stored summary; text written before this format (or by hand) is the summary itself. */
export function parseSummaryState(stored: string | null | undefined): SummaryState {
  if (!stored) return { lines: [], recent: [] };
  if (stored.startsWith(MARK)) {
    try {
      const parsed = JSON.parse(stored) as Partial<SummaryState>;
      return { lines: parsed.lines ?? [], recent: parsed.recent ?? [] };
    } catch {
      // a broken document is treated as plain text below
    }
  }
  return { lines: [{ speaker: 'User', text: stored, score: Number.POSITIVE_INFINITY }], recent: [] };
}

export function serialiseSummaryState(state: SummaryState): string {
  const score = (line: SummaryLine) => ({ ...line, score: Number.isFinite(line.score) ? line.score : 1e9 });
  return `${MARK}${JSON.stringify({ lines: state.lines.map(score), recent: state.recent.map(score) }).slice(1)}`;
}

/** The text a client and the reply prompt see: one "Speaker: sentence" line per summarised turn; null when none yet. */
export function renderSummary(stored: string | null | undefined): string | null {
  if (!stored) return null;
  if (!stored.startsWith(MARK)) return stored;
  const { lines } = parseSummaryState(stored);
  if (lines.length === 0) return null;
  return lines
    .map((line) => (Number.isFinite(line.score) && line.score < 1e9 ? `${line.speaker}: ${line.text}` : line.text))
    .join('\n');
}
