import type { Principal } from '@miyu/auth/principal';
import type { TestSubgraph } from '@miyu/testing/subgraph-harness';

export const ALICE = '00000000-0000-4000-8000-00000000a11c';
export const BOB = '00000000-0000-4000-8000-000000000b0b';

export const COMPANION_FIELDS = `companion {
  persona { id name greeting }
  mode
  mood { pleasure arousal dominance label updatedAt }
  affinity
  transitions { from to reason at }
}`;

/** `me { ... }` as the router asks it of this subgraph: an `_entities` fetch for the caller's User. */
export async function readUser<T = { companion: Record<string, unknown> }>(
  subgraph: TestSubgraph,
  principal: Principal,
  userId: string,
  selection: string = COMPANION_FIELDS,
) {
  const response = await subgraph.request<{ _entities: (T | null)[] }>(
    principal,
    `query($r: [_Any!]!) { _entities(representations: $r) { ... on User { ${selection} } } }`,
    { r: [{ __typename: 'User', id: userId }] },
  );
  return { response, user: response.data?._entities[0] ?? null };
}

/** A Character Card V2 with macros in its greeting. */
export const V2_CARD = {
  spec: 'chara_card_v2',
  spec_version: '2.0',
  data: {
    name: 'Captain Vela',
    description: 'A starship captain with a dry sense of humour.',
    personality: 'Bold, loyal, sarcastic.',
    scenario: 'On the bridge of the Meridian.',
    first_mes: 'Welcome aboard, {{user}}. I am {{char}}.',
    mes_example: '',
    creator_notes: '',
    system_prompt: '',
    post_history_instructions: '',
    alternate_greetings: [],
    tags: ['sci-fi'],
    creator: 'tester',
    character_version: '1',
    extensions: {},
  },
};
