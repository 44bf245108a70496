import { actingUserId, type Principal } from '@miyu/auth/principal';
import { createRules } from '@miyu/graphql/rules';
import type { IRules } from 'graphql-shield';

export function personalityPermissions(): IRules {
  const { allow, and, or, rule, ownsParent, userWith, federationQuery, federationTypes } = createRules();
  const ownUser = ownsParent((user: { id: string }) => user.id);
  // Seeded personas are public; an imported one only ever reaches its owner.
  const seededPersona = rule({ cache: 'no_cache' })((persona: { ownerUserId: string | null }) => persona.ownerUserId === null);
  const ownPersona = ownsParent((persona: { ownerUserId: string | null }) => persona.ownerUserId);
  const ownState = ownsParent((state: { userId: string }) => state.userId);
  const signedIn = rule({ cache: 'no_cache' })((_p, _a, ctx: { principal: Principal }) => actingUserId(ctx.principal) !== null);
  // shield rejects two rule instances with the same name, so each scope rule is built once.
  const canWrite = userWith('companion:write');
  const canRead = userWith('companion:read');
  return {
    Query: { ...federationQuery, personas: allow, analyzeEmotion: allow },
    Mutation: {
      choosePersona: canWrite,
      setMode: canWrite,
      importCharacterCard: canWrite,
      createPersona: canWrite,
      updatePersona: canWrite,
      deletePersona: canWrite,
    },
    // the subscriber's own state only: the stream is keyed by the token's user (and re-checked per event below)
    Subscription: { companionChanged: canRead },
    ...federationTypes,
    User: { id: and(signedIn, ownUser), companion: and(canRead, ownUser) },
    // Reached only through User.companion or the caller's own mutations; checked again per row.
    CompanionState: ownState,
    Persona: or(seededPersona, ownPersona),
    PersonaTraits: allow,
    PersonaModeStyle: allow,
    Mood: allow,
    ModeTransition: allow,
    EmotionAnalysis: allow,
    EmotionScore: allow,
    // Message.emotion analyses only what the router's representation carries; nothing is stored.
    Message: allow,
  };
}
