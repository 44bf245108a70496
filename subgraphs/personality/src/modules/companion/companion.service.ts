import type { EntityManager } from '@mikro-orm/core';
import type { EmotionAnalysis } from '../emotion/emotion.types.ts';
import { adjustAffinity, affinityDeltaFor } from '../mood/affinity.ts';
import { suggestMode } from '../mood/mode-model.ts';
import { applyEmotion, decayMood } from '../mood/mood-model.ts';
import type { CompanionMode, ModeSuggestion, PadVector } from '../mood/mood.types.ts';
import { DEFAULT_PERSONA, findPersonaFor, type PersonaView } from '../persona/persona.service.ts';
import { errors } from '@miyu/platform/errors';
import type { CompanionStateRow } from './companion.entity.ts';
import { stageOutboxEvent } from '../outbox/outbox.service.ts';
import { appendTransition, lockCompanionState } from './companion.store.ts';

export interface CompanionServiceOptions {
  /** Time for the mood to relax half-way back to the persona's baseline. */
  moodHalfLifeMs: number;
  /** Injected so tests can move time. */
  now?: () => Date;
}

export interface MoodView extends PadVector {
  /** When the stored mood last changed (a message or a persona switch), not the read time. */
  readonly updatedAt: Date;
}

export const USER_REQUESTED_REASON = 'requested by user';

/** A recorded mode change (the transition row's id, for event ids and tests). */
export interface ModeChange {
  id: number;
  from: CompanionMode;
  to: CompanionMode;
  reason: string;
  at: Date;
}

/** How strongly one message sways the mood: more neurotic personas are more impressionable. */
export const contagionWeight = (persona: PersonaView): number => 0.25 + 0.25 * persona.definition.traits.neuroticism;

export function createCompanionService(options: CompanionServiceOptions) {
  const now = options.now ?? (() => new Date());

  /** The stored mood decayed toward the persona's baseline by the time elapsed since it was set. */
  const currentMood = (state: CompanionStateRow, persona: PersonaView, at: Date = now()): MoodView => ({
    ...decayMood(state, persona.definition.baselineMood, at.getTime() - state.moodUpdatedAt.getTime(), options.moodHalfLifeMs),
    updatedAt: state.moodUpdatedAt,
  });

  /** The persona a state points at; an import that vanished falls back to MIYU rather than failing. */
  const personaOf = async (em: EntityManager, state: CompanionStateRow): Promise<PersonaView> =>
    (await findPersonaFor(em, state.userId, state.personaId)) ?? DEFAULT_PERSONA;

  /** Sets the mode; `transition` is the change recorded, null when the mode was already set. */
  async function changeMode(
    em: EntityManager,
    userId: string,
    mode: CompanionMode,
  ): Promise<{ state: CompanionStateRow; transition: ModeChange | null }> {
    return em.transactional(async (tx) => {
      const at = now();
      const state = await lockCompanionState(tx, userId, at);
      if (state.mode === mode) return { state, transition: null };
      const change = { from: state.mode, to: mode, reason: USER_REQUESTED_REASON };
      const id = await appendTransition(tx, userId, change, at);
      state.mode = mode;
      // quests count mode changes ("Try every mood"): the event commits with the change
      stageOutboxEvent(tx, userId, 'mode.changed', { ...change, transitionId: id }, at);
      return { state, transition: { id, ...change, at } };
    });
  }

  return {
    currentMood,

    async choosePersona(em: EntityManager, userId: string, personaId: string): Promise<CompanionStateRow> {
      return em.transactional(async (tx) => {
        const persona = personaId.length <= 80 ? await findPersonaFor(tx, userId, personaId) : null;
        if (!persona) throw errors.notFound('Persona');
        const at = now();
        const state = await lockCompanionState(tx, userId, at);
        // A new persona starts from its own resting mood; the old persona's mood does not carry over.
        Object.assign(state, { personaId: persona.definition.id, ...persona.definition.baselineMood, moodUpdatedAt: at });
        return state;
      });
    },

    changeMode,

    async setMode(em: EntityManager, userId: string, mode: CompanionMode): Promise<CompanionStateRow> {
      return (await changeMode(em, userId, mode)).state;
    },

    /** Raises (or lowers) affinity by `delta` points, clamped to 0..100 (e.g. a quest reward). */
    async nudgeAffinity(em: EntityManager, userId: string, delta: number): Promise<CompanionStateRow> {
      return em.transactional(async (tx) => {
        const state = await lockCompanionState(tx, userId, now());
        state.affinity = adjustAffinity(state.affinity, delta);
        return state;
      });
    },

    /**
     * The domain hook for a user message (called by the event processor, never by clients):
     * moves the mood toward the message's emotion, adjusts affinity and may switch the mode.
     */
    async recordUserMessageEmotion(
      em: EntityManager,
      userId: string,
      analysis: EmotionAnalysis,
    ): Promise<{ state: CompanionStateRow; transition: ModeSuggestion | null }> {
      return em.transactional(async (tx) => {
        const at = now();
        const state = await lockCompanionState(tx, userId, at);
        const persona = await personaOf(tx, state);
        const mood = applyEmotion(currentMood(state, persona, at), analysis, contagionWeight(persona));
        Object.assign(state, {
          ...mood,
          moodUpdatedAt: at,
          affinity: adjustAffinity(state.affinity, affinityDeltaFor(analysis)),
        });
        const transition = suggestMode(state.mode, analysis);
        if (transition) {
          await appendTransition(tx, userId, transition, at);
          state.mode = transition.to;
        }
        return { state, transition };
      });
    },
  };
}

export type CompanionService = ReturnType<typeof createCompanionService>;
