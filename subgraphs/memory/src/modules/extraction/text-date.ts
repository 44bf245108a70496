import * as chrono from 'chrono-node';

// chrono reads "sun", "sat", "wed" as weekdays; a date that short is almost always a word
const TOO_SHORT = /^[a-z]{1,3}\.?$/iu;

/**
 * The date a statement names, read relative to when it was said ("last week", "on May 3rd",
 * "tomorrow"); null when it names none. A weekday or month alone counts; a bare short word does not.
 */
export function dateInText(text: string, saidAt: Date): Date | null {
  for (const result of chrono.parse(text, saidAt)) {
    if (TOO_SHORT.test(result.text.trim())) continue;
    return result.start.date();
  }
  return null;
}
