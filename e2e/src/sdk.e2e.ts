import { ReplyStreamDocument, SendMessageDocument, SignUpDocument, StartConversationDocument } from '@miyu/sdk/gql/graphql';
import { createMiyuClient, MiyuRequestError } from '@miyu/sdk/miyu-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type E2eStack, startE2eStack } from './stack.ts';

describe('the typed client SDK (GraphQL Code Generator documents)', () => {
  let stack: E2eStack;
  beforeAll(async () => {
    stack = await startE2eStack();
  });
  afterAll(() => stack?.close());

  it('signs up, starts a conversation, sends and streams a reply with typed documents', async () => {
    const anonymous = createMiyuClient({ url: stack.url });
    const { signUp } = await anonymous.request(SignUpDocument, {
      input: { email: `sdk-${Date.now()}@example.com`, password: 'correct horse battery', displayName: 'Sdk' },
    });
    const client = createMiyuClient({ url: stack.url, token: signUp.token });
    const { startConversation } = await client.request(StartConversationDocument, { input: { platform: 'WEB' } });
    const { sendMessage } = await client.request(SendMessageDocument, {
      input: { conversationId: startConversation.id, content: 'Hi MIYU!' },
    });
    let text = '';
    let final: { content: string; model?: string | null } | null | undefined;
    for await (const { replyStream } of client.subscribe(ReplyStreamDocument, { messageId: sendMessage.reply.id })) {
      text = replyStream.reset ? '' : text + replyStream.delta;
      if (replyStream.done) final = replyStream.message;
    }
    expect(final?.content).toBe(text);
    expect(final?.model).toBe('miyu-offline-1');
    await expect(
      client.request(StartConversationDocument, { input: { platform: 'WEB', title: 'x'.repeat(500) } }),
    ).rejects.toMatchObject({
      code: 'BAD_USER_INPUT',
    });
    await expect(
      anonymous.request(SendMessageDocument, { input: { conversationId: startConversation.id, content: 'hi' } }),
    ).rejects.toBeInstanceOf(MiyuRequestError);
    await client.close();
    await anonymous.close();
  });
});
