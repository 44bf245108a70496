import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type E2eStack, WORKER_SECRET, startE2eStack } from './stack.ts';

const ME_EVERYTHING = `{
  me {
    id displayName createdAt identities { platform externalId username }
    companion { persona { id name description greeting } mode mood { pleasure arousal dominance label updatedAt } affinity transitions(last: 5) { from to reason at } }
    memories(first: 10) { totalCount nodes { id kind content importance createdAt updatedAt source { id } } pageInfo { hasNextPage endCursor } }
    recall(query: "what is my cat called?", limit: 3) { score memory { content } }
    quests { status quest { id title objectives { id target } reward { xp affinity badge } } objectives { current done } }
    progression { level xp xpToNextLevel streakDays badges }
    conversations(first: 5) { nodes { id title platform summary } pageInfo { hasNextPage } }
  }
}`;

describe('the contract through the router', () => {
  let stack: E2eStack;
  let ada: { token: string; userId: string };
  beforeAll(async () => {
    stack = await startE2eStack();
    ada = await stack.signUp('Ada');
  });
  afterAll(() => stack?.close());

  it('reads me with companion, memories, recall, quests, progression and conversations in one query', async () => {
    await stack.gql(
      'mutation { remember(input: {content: "My cat is called Miso", kind: FACT, importance: 0.8}) { id } }',
      {},
      ada.token,
    );
    // biome-ignore lint/suspicious/noExplicitAny: the wide query's shape is asserted field by field below
    const response = await stack.gql<{ me: Record<string, any> }>(ME_EVERYTHING, {}, ada.token);
    expect(response.errors).toBeUndefined();
    const me = response.data!.me;
    expect(me.id).toBe(ada.userId);
    expect(me.displayName).toBe('Ada');
    expect(me.companion.persona.name).toBe('MIYU');
    expect(me.companion.mode).toBe('CASUAL');
    expect(me.companion.affinity).toBeGreaterThanOrEqual(0);
    expect(me.memories.totalCount).toBe(1);
    expect(me.recall[0].memory.content).toBe('My cat is called Miso');
    expect(me.quests.length).toBeGreaterThanOrEqual(5);
    expect(me.quests.every((q: { status: string }) => q.status === 'AVAILABLE')).toBe(true);
    expect(me.progression).toMatchObject({ level: expect.any(Number), xp: 0, streakDays: expect.any(Number), badges: [] });
    expect(me.conversations.nodes).toEqual([]);
  });

  it('signs in, issues and revokes scoped API keys', async () => {
    const email = `grace-${Date.now()}@example.com`;
    await stack.gql('mutation($i: SignUpInput!) { signUp(input: $i) { token } }', {
      i: { email, password: 'correct horse 2', displayName: 'Grace' },
    });
    const signIn = await stack.gql<{ signIn: { token: string; expiresAt: string; user: { displayName: string } } }>(
      'mutation($i: SignInInput!) { signIn(input: $i) { token expiresAt user { displayName } } }',
      { i: { email, password: 'correct horse 2' } },
    );
    expect(signIn.data?.signIn.user.displayName).toBe('Grace');
    expect(new Date(signIn.data!.signIn.expiresAt).getTime()).toBeGreaterThan(Date.now());

    const created = await stack.gql<{ createApiKey: { secret: string; apiKey: { id: string; name: string; scopes: string[] } } }>(
      'mutation { createApiKey(input: {name: "reader", scopes: ["memories:read", "profile:read"]}) { secret apiKey { id name scopes createdAt } } }',
      {},
      ada.token,
    );
    const key = created.data!.createApiKey;
    expect(key.apiKey.scopes).toEqual(['memories:read', 'profile:read']);
    const viaKey = await stack.gql<{ me: { id: string; memories: { totalCount: number } } }>(
      '{ me { id memories { totalCount } } }',
      {},
      key.secret,
    );
    expect(viaKey.data?.me.id).toBe(ada.userId);
    const writeViaKey = await stack.gql('mutation { remember(input: {content: "nope", kind: FACT}) { id } }', {}, key.secret);
    expect(writeViaKey.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const revoked = await stack.gql('mutation($id: ID!) { revokeApiKey(id: $id) }', { id: key.apiKey.id }, ada.token);
    expect(revoked.data).toEqual({ revokeApiKey: true });
  });

  it('gives workers a platform session with a service credential only', async () => {
    const query =
      'mutation { platformSession(input: {platform: TELEGRAM, externalId: "tg-1", username: "ada_tg"}) { token user { id identities { platform externalId username } } } }';
    const denied = await stack.gql(query, {}, ada.token);
    expect(denied.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const session = await stack.gql<{ platformSession: { token: string; user: { id: string; identities: unknown[] } } }>(
      query,
      {},
      WORKER_SECRET,
    );
    expect(session.errors).toBeUndefined();
    expect(session.data!.platformSession.user.identities).toEqual([
      { platform: 'TELEGRAM', externalId: 'tg-1', username: 'ada_tg' },
    ]);
    const me = await stack.gql<{ me: { id: string } }>('{ me { id } }', {}, session.data!.platformSession.token);
    expect(me.data?.me.id).toBe(session.data!.platformSession.user.id);
  });

  it('runs the personality operations', async () => {
    const personas = await stack.gql<{ personas: { id: string; name: string }[] }>(
      '{ personas { id name description greeting } }',
    );
    expect(personas.data!.personas[0]!.name).toBe('MIYU');
    const emotion = await stack.gql<{ analyzeEmotion: { primary: string; valence: number } }>(
      '{ analyzeEmotion(text: "I am not happy") { primary intensity valence arousal scores { emotion score } } }',
    );
    expect(emotion.data!.analyzeEmotion.primary).not.toBe('JOY');
    expect(emotion.data!.analyzeEmotion.valence).toBeLessThan(0);

    const mode = await stack.gql<{ setMode: { mode: string; transitions: { from: string; to: string }[] } }>(
      'mutation { setMode(mode: PLAYFUL) { mode transitions(last: 1) { from to reason } } }',
      {},
      ada.token,
    );
    expect(mode.data!.setMode).toMatchObject({ mode: 'PLAYFUL', transitions: [{ from: 'CASUAL', to: 'PLAYFUL' }] });

    const card = {
      spec: 'chara_card_v2',
      spec_version: '2.0',
      data: { name: 'Aiko', description: 'A cheerful baker.', personality: 'warm', first_mes: 'Hi {{user}}!' },
    };
    const imported = await stack.gql<{ importCharacterCard: { id: string; name: string } }>(
      'mutation($card: JSON!) { importCharacterCard(card: $card) { id name greeting } }',
      { card },
      ada.token,
    );
    expect(imported.data!.importCharacterCard.name).toBe('Aiko');
    const chosen = await stack.gql<{ choosePersona: { persona: { name: string } } }>(
      'mutation($id: ID!) { choosePersona(personaId: $id) { persona { name } } }',
      { id: imported.data!.importCharacterCard.id },
      ada.token,
    );
    expect(chosen.data!.choosePersona.persona.name).toBe('Aiko');
    const bad = await stack.gql(
      'mutation { importCharacterCard(card: {spec: "chara_card_v2", data: {}}) { id } }',
      {},
      ada.token,
    );
    expect(bad.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });

  it('runs the memory operations', async () => {
    const grace = await stack.signUp('Grace2');
    const remembered = await stack.gql<{ remember: { id: string } }>(
      'mutation { remember(input: {content: "I love jazz", kind: PREFERENCE}) { id kind content importance } }',
      {},
      grace.token,
    );
    const id = remembered.data!.remember.id;
    const updated = await stack.gql<{ updateMemory: { content: string } }>(
      'mutation($id: ID!) { updateMemory(id: $id, content: "I love bebop jazz") { content } }',
      { id },
      grace.token,
    );
    expect(updated.data!.updateMemory.content).toBe('I love bebop jazz');
    expect((await stack.gql('mutation($id: ID!) { forget(id: $id) }', { id }, grace.token)).data).toEqual({ forget: true });
    await stack.gql('mutation { remember(input: {content: "one", kind: FACT}) { id } }', {}, grace.token);
    await stack.gql('mutation { remember(input: {content: "two", kind: EVENT}) { id } }', {}, grace.token);
    expect((await stack.gql('mutation { forgetAll }', {}, grace.token)).data).toEqual({ forgetAll: 2 });
    const empty = await stack.gql('mutation { remember(input: {content: "   ", kind: FACT}) { id } }', {}, grace.token);
    expect(empty.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });

  it('runs the quest operations', async () => {
    const catalog = await stack.gql<{ questCatalog: { id: string }[] }>(
      '{ questCatalog { id title description objectives { id description target } reward { xp affinity badge } } }',
    );
    expect(catalog.data!.questCatalog.length).toBeGreaterThanOrEqual(5);
    const questId = catalog.data!.questCatalog[0]!.id;
    const accepted = await stack.gql<{ acceptQuest: { status: string } }>(
      'mutation($id: ID!) { acceptQuest(questId: $id) { status quest { id } objectives { current done } completedAt } }',
      { id: questId },
      ada.token,
    );
    expect(accepted.data!.acceptQuest.status).toBe('ACTIVE');
    const early = await stack.gql('mutation($id: ID!) { claimQuestReward(questId: $id) { status } }', { id: questId }, ada.token);
    expect(early.errors?.[0]?.extensions?.code).toBe('CONFLICT');
    const active = await stack.gql<{ me: { quests: { quest: { id: string } }[] } }>(
      '{ me { quests(status: ACTIVE) { quest { id } } } }',
      {},
      ada.token,
    );
    expect(active.data!.me.quests.map((q) => q.quest.id)).toEqual([questId]);
    const unknown = await stack.gql('mutation { acceptQuest(questId: "no-such-quest") { status } }', {}, ada.token);
    expect(unknown.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
  });

  it('runs the conversation operations', async () => {
    const started = await stack.gql<{ startConversation: { id: string; platform: string; title: string } }>(
      'mutation { startConversation(input: {platform: WEB, title: "Evening chat"}) { id title platform createdAt summary } }',
      {},
      ada.token,
    );
    expect(started.data!.startConversation).toMatchObject({ platform: 'WEB', title: 'Evening chat' });
    const id = started.data!.startConversation.id;
    const read = await stack.gql<{
      conversation: { id: string; messages: { nodes: unknown[]; pageInfo: { hasPreviousPage: boolean } } };
    }>(
      'query($id: ID!) { conversation(id: $id) { id messages(last: 10) { nodes { id role content status model createdAt emotion { primary } } pageInfo { hasPreviousPage } } } }',
      { id },
      ada.token,
    );
    expect(read.data!.conversation).toEqual({ id, messages: { nodes: [], pageInfo: { hasPreviousPage: false } } });
    const list = await stack.gql<{ me: { conversations: { nodes: { id: string }[] } } }>(
      '{ me { conversations { nodes { id } } } }',
      {},
      ada.token,
    );
    expect(list.data!.me.conversations.nodes.map((c) => c.id)).toContain(id);
  });
});
