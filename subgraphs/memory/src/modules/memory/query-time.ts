import * as chrono from 'chrono-node';

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
  /** The span of time a relative or dated phrase names ("last week", "yesterday", "on May 3rd"), read relative to now. */
  span: { start: Date; end: Date } | null;
}

const DAY_MS = 24 * 3600 * 1000;
// how far either side of chrono's date the phrase reaches: "last week" is a week, "yesterday" a day
const REACH: Array<[RegExp, number]> = [
  [/\byears?\b/iu, 183 * DAY_MS],
  [/\bmonths?\b/iu, 16 * DAY_MS],
  [/\b(?:weeks?|weekend)\b/iu, 4 * DAY_MS],
];
// a month name alone is `months`; "may" and short words ("sun", "sat") are not dates here
const NOT_A_SPAN =
  /^(?:(?:in|during|of|since|on|early|mid|late|this)\s+)?(?:[a-z]{1,3}|january|february|march|april|may|june|july|august|september|october|november|december)$/iu;

function spanOf(query: string, now: Date): QueryTime['span'] {
  for (const result of chrono.parse(query, now)) {
    if (NOT_A_SPAN.test(result.text.trim())) continue;
    const reach = REACH.find(([pattern]) => pattern.test(result.text))?.[1] ?? DAY_MS;
    const start = result.start.date().getTime();
    const end = (result.end ?? result.start).date().getTime();
    return { start: new Date(start - reach), end: new Date(end + reach) };
  }
  return null;
}

/** What a recall question says about time. */
export function queryTime(query: string, now: Date = new Date()): QueryTime {
  const months = new Set<number>();
  for (const match of query.matchAll(MONTH)) {
    const month = (match[2] ?? '').toLowerCase();
    if (month === 'may' && !match[1]) continue;
    months.add(MONTHS.indexOf(month));
  }
  return { months, recent: RECENT.test(query), span: spanOf(query, now) };
}
