const MONTHS = [
  'january',
  'february',
  'march',
  'april',
  'may',
  'june',
  'july',
  'august',
  'september',
  'october',
  'november',
  'december',
];
// "may" is also a verb: it counts as a month only after a preposition ("in May", "early May")
const MONTH =
  /\b(?:(in|during|of|since|on|early|mid|late|last|this)\s+)?(january|february|march|april|may|june|july|august|september|october|november|december)\b/giu;
const RECENT = /\b(?:now|current|currently|last|latest|lately|recently|these days|anymore|still|most recent|nowadays)\b/iu;

export interface QueryTime {
  /** Months (0–11) the question is about ("what did I do in June?"). */
  months: Set<number>;
  /** The question asks about the present or the latest occasion ("where do I live now?"). */
  recent: boolean;
}

/** What a recall question says about time. */
export function queryTime(query: string): QueryTime {
  const months = new Set<number>();
  for (const match of query.matchAll(MONTH)) {
    const month = (match[2] ?? '').toLowerCase();
    if (month === 'may' && !match[1]) continue;
    months.add(MONTHS.indexOf(month));
  }
  return { months, recent: RECENT.test(query) };
}
