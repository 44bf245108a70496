import { randomBytes } from 'node:crypto';
import { graphqlRequest } from '@miyu/testing/graphql-request';

export interface BenchUser {
  userId: string;
  token: string;
  conversationId: string;
}

/** Signs up a fresh user and starts a conversation, over plain HTTP through the router. */
export async function createUser(routerUrl: string, name: string): Promise<BenchUser> {
  const email = `${name}-${randomBytes(4).toString('hex')}@bench.example.com`;
  const signUp = await graphqlRequest<{ signUp: { token: string; user: { id: string } } }>(
    routerUrl,
    'mutation($input: SignUpInput!) { signUp(input: $input) { token user { id } } }',
    { input: { email, password: 'correct horse battery', displayName: name } },
  );
  if (!signUp.data) throw new Error(`sign-up failed: ${JSON.stringify(signUp.errors)}`);
  const { token } = signUp.data.signUp;
  const started = await graphqlRequest<{ startConversation: { id: string } }>(
    routerUrl,
    'mutation { startConversation(input: {platform: WEB, title: "bench"}) { id } }',
    {},
    { authorization: `Bearer ${token}` },
  );
  if (!started.data) throw new Error(`startConversation failed: ${JSON.stringify(started.errors)}`);
  return { userId: signUp.data.signUp.user.id, token, conversationId: started.data.startConversation.id };
}

/** Users in small batches: sign-up hashes a password, which is CPU-bound. */
export async function createUsers(routerUrl: string, count: number, prefix: string, batch = 10): Promise<BenchUser[]> {
  const users: BenchUser[] = [];
  for (let start = 0; start < count; start += batch) {
    const size = Math.min(batch, count - start);
    users.push(
      ...(await Promise.all(Array.from({ length: size }, (_, index) => createUser(routerUrl, `${prefix}${start + index}`)))),
    );
  }
  return users;
}

export const SEND_MESSAGE = `mutation($input: SendMessageInput!) {
  sendMessage(input: $input) { message { id } reply { id status } }
}`;

export interface SentMessage {
  sendMessage: { message: { id: string }; reply: { id: string; status: string } };
}

/** sendMessage over HTTP (the fan-out bench triggers replies this way). */
export async function sendMessage(routerUrl: string, user: BenchUser, content: string): Promise<string> {
  const response = await graphqlRequest<SentMessage>(
    routerUrl,
    SEND_MESSAGE,
    { input: { conversationId: user.conversationId, content } },
    {
      authorization: `Bearer ${user.token}`,
    },
  );
  if (!response.data) throw new Error(`sendMessage failed: ${JSON.stringify(response.errors)}`);
  return response.data.sendMessage.reply.id;
}
