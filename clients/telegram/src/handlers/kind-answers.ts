/** What she says when she cannot do what was asked; short, friendly, never an error code. */
export const KIND_ANSWERS = {
  notText: 'I can only read text for now — could you tell me in words? 🙂',
  edited: "I saw you edited a message. I only answer new messages, so just send it again if you'd like me to reply.",
  empty: 'That message looks empty to me. What would you like to talk about?',
  tooLong: "That's a little long for me to read in one go (4,000 characters at most). Could you split it up?",
  busy: "I'm a bit overwhelmed right now. Give me a moment and try again?",
  failed: 'Sorry, something went wrong on my side. Please try again in a moment.',
} as const;

/** A MIYU error code turned into words for the person. */
export function answerForCode(code: string | undefined): string {
  if (code === 'BAD_USER_INPUT') return KIND_ANSWERS.tooLong;
  if (code === 'RATE_LIMITED') return KIND_ANSWERS.busy;
  return KIND_ANSWERS.failed;
}
