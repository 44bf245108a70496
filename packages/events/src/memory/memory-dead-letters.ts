import type { DeadLetter, DeadLetterStore } from '../event-types.ts';

/** Refused events in this process, the newest `max` kept (default 1,000). */
export function createMemoryDeadLetters(max = 1_000): DeadLetterStore {
  const letters: DeadLetter[] = [];
  return {
    async add(letter) {
      letters.push(structuredClone(letter));
      if (letters.length > max) letters.splice(0, letters.length - max);
    },
    async list(limit = 100) {
      return letters.slice(-limit).reverse();
    },
  };
}
