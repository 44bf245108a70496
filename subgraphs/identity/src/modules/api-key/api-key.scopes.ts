/** What each scope an integrator's API key may carry allows; a user's own token implies all of them. */
const SCOPE_DESCRIPTIONS = {
  'profile:read': "Read the key owner's profile: display name, sign-up date, linked platforms.",
  'companion:read': "Read the owner's companion: persona, mood and its changes.",
  'companion:write': "Change the owner's companion: choose a persona, adjust settings.",
  'memories:read': "Read, page through and recall the owner's memories.",
  'memories:write': "Add, change and forget the owner's memories.",
  'quests:read': "Read the owner's quests and their progress.",
  'quests:write': "Start, advance and abandon the owner's quests.",
  'conversations:read': "Read the owner's conversations, messages and reply streams.",
  'conversations:write': 'Start conversations, send messages and manage replies as the owner.',
} as const;

export type ApiKeyScopeName = keyof typeof SCOPE_DESCRIPTIONS;
export interface ApiKeyScope {
  name: ApiKeyScopeName;
  description: string;
}

/** Scopes an integrator's API key may carry, in the order clients show them. */
export const API_KEY_SCOPES = Object.keys(SCOPE_DESCRIPTIONS) as [ApiKeyScopeName, ...ApiKeyScopeName[]];

export const API_KEY_SCOPE_LIST: readonly ApiKeyScope[] = API_KEY_SCOPES.map((name) => ({
  name,
  description: SCOPE_DESCRIPTIONS[name],
}));
