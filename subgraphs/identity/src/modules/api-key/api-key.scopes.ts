/** Scopes an integrator's API key may carry; a user's own token implies all of them. */
export const API_KEY_SCOPES = [
  'profile:read',
  'companion:read',
  'companion:write',
  'memories:read',
  'memories:write',
  'quests:read',
  'quests:write',
  'conversations:read',
  'conversations:write',
] as const;
