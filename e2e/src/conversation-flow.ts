import type { E2eStack } from './stack.ts';

export const REPLY_STREAM = `subscription($id: ID!, $after: Int) {
  replyStream(messageId: $id, afterSeq: $after) {
    messageId seq delta done reset
    message { id role content status model replyTo { id emotion { primary } } conversation { id summary } }
  }
}`;

export interface StreamedChunk {
  messageId: string;
  seq: number;
  delta: string;
  done: boolean;
  reset: boolean;
  message: {
    id: string;
    content: string;
    status: string;
    model: string | null;
    replyTo: { id: string; emotion: { primary: string } | null } | null;
  } | null;
}

/** The text a client shows: the deltas after the last reset chunk. */
export function assembled(chunks: StreamedChunk[]): string {
  const lastReset = chunks.map((chunk) => chunk.reset).lastIndexOf(true);
  return chunks
    .slice(lastReset + 1)
    .map((chunk) => chunk.delta)
    .join('');
}

export async function startChat(stack: E2eStack, token: string) {
  const started = await stack.gql<{ startConversation: { id: string } }>(
    'mutation { startConversation(input: {platform: WEB, title: "chat"}) { id } }',
    {},
    token,
  );
  return started.data!.startConversation.id;
}

export async function send(stack: E2eStack, token: string, conversationId: string, content: string, clientMessageId?: string) {
  const response = await stack.gql<{
    sendMessage: { message: { id: string; status: string }; reply: { id: string; status: string } };
  }>(
    'mutation($input: SendMessageInput!) { sendMessage(input: $input) { message { id status role content } reply { id status role } } }',
    { input: { conversationId, content, ...(clientMessageId ? { clientMessageId } : {}) } },
    token,
  );
  if (!response.data) throw new Error(`sendMessage failed: ${JSON.stringify(response.errors)}`);
  return response.data.sendMessage;
}
