import twitterText from 'twitter-text';

/** X's own limit for one post, in weighted characters. */
export const X_MAX_WEIGHTED = 280;

/**
 * A post's length as X counts it (twitter-text's parseTweet): most CJK characters and emoji
 * weigh 2, every URL 23, text is NFC-normalised first.
 */
export function weightedLength(text: string): number {
  return twitterText.parseTweet(text).weightedLength;
}
