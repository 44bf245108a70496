import { requireUser } from '@miyu/graphql/require-user';
import { validate } from '@miyu/graphql/validate';
import { z } from 'zod';
import type { Builder } from '../../builder.ts';
import type { Context } from '../../context.ts';
import type { EmotionTypes } from '../emotion/emotion.schema.ts';
import { labelMood } from '../mood/mood-model.ts';
import { DEFAULT_PERSONA, type PersonaView } from '../persona/persona.service.ts';
import type { PersonaTypes } from '../persona/persona.schema.ts';
import type { CompanionStateRow, ModeTransitionRow } from './companion.entity.ts';
import type { CompanionEvents } from './companion-events.ts';
import type { CompanionService, MoodView } from './companion.service.ts';
import { MAX_KEPT_TRANSITIONS } from './companion.store.ts';

const transitionsArgs = z.object({
  last: z.number().int().min(0, 'must not be negative').max(MAX_KEPT_TRANSITIONS, `must be at most ${MAX_KEPT_TRANSITIONS}`),
});

/** The state's persona; one the user no longer owns (or that vanished) reads as MIYU. */
async function personaOf(state: CompanionStateRow, ctx: Context): Promise<PersonaView> {
  const persona = await ctx.loaders.personaById.load(state.personaId);
  return persona && (persona.ownerUserId === null || persona.ownerUserId === state.userId) ? persona : DEFAULT_PERSONA;
}

export function defineCompanionTypes(
  builder: Builder,
  types: PersonaTypes & EmotionTypes,
  companion: CompanionService,
  notify: CompanionEvents,
) {
  const { CompanionModeEnum, PersonaRef, EmotionEnum } = types;

  const MoodRef = builder.objectRef<MoodView>('Mood').implement({
    description: 'The companion mood in PAD space (each axis -1..1), decayed toward the persona baseline.',
    fields: (t) => ({
      pleasure: t.exposeFloat('pleasure'),
      arousal: t.exposeFloat('arousal'),
      dominance: t.exposeFloat('dominance'),
      label: t.field({ type: EmotionEnum, resolve: (mood) => labelMood(mood) }),
      updatedAt: t.field({ type: 'DateTime', resolve: (mood) => mood.updatedAt }),
    }),
  });

  const ModeTransitionRef = builder.objectRef<ModeTransitionRow>('ModeTransition').implement({
    fields: (t) => ({
      from: t.field({ type: CompanionModeEnum, resolve: (row) => row.from }),
      to: t.field({ type: CompanionModeEnum, resolve: (row) => row.to }),
      reason: t.exposeString('reason'),
      at: t.field({ type: 'DateTime', resolve: (row) => row.at }),
    }),
  });

  const CompanionStateRef = builder.objectRef<CompanionStateRow>('CompanionState').implement({
    fields: (t) => ({
      persona: t.field({ type: PersonaRef, resolve: (state, _args, ctx) => personaOf(state, ctx) }),
      mode: t.field({ type: CompanionModeEnum, resolve: (state) => state.mode }),
      mood: t.field({
        type: MoodRef,
        resolve: async (state, _args, ctx) => companion.currentMood(state, await personaOf(state, ctx)),
      }),
      affinity: t.float({ description: '0..100', resolve: (state) => state.affinity }),
      transitions: t.field({
        type: [ModeTransitionRef],
        description: 'The last `last` mode changes, oldest first (so the newest is last).',
        args: { last: t.arg.int({ defaultValue: 10 }) },
        resolve: async (state, args, ctx) => {
          // An explicit null means the default, as if the argument were left out.
          const { last } = validate(transitionsArgs, { last: args.last ?? 10 });
          if (last === 0) return [];
          const newestFirst = await ctx.loaders.transitionsByUser.load(state.userId);
          return newestFirst.slice(0, last).reverse();
        },
      }),
    }),
  });

  // User is owned by identity; a foreign id resolves to null, like a missing one.
  const UserRef = builder.externalRef('User', builder.selection<{ id: string }>('id'), (ref, ctx: Context) =>
    ref.id === ctx.userId ? ref : null,
  );
  UserRef.implement({
    fields: (t) => ({
      id: t.exposeID('id'),
      companion: t.field({
        type: CompanionStateRef,
        resolve: (user, _args, ctx) => ctx.loaders.companionByUser.load(user.id),
      }),
    }),
  });

  builder.mutationFields((t) => ({
    choosePersona: t.field({
      type: CompanionStateRef,
      description: 'Switches to a seeded or own imported persona; the mood restarts at its baseline.',
      args: { personaId: t.arg.id({ required: true }) },
      resolve: async (_root, { personaId }, ctx) => {
        const state = await companion.choosePersona(ctx.em, requireUser(ctx.userId), String(personaId));
        await notify.changed(state.userId, 'persona.chosen');
        return state;
      },
    }),
    setMode: t.field({
      type: CompanionStateRef,
      description: 'Sets the companion mode; records a transition when the mode actually changes.',
      args: { mode: t.arg({ type: CompanionModeEnum, required: true }) },
      resolve: async (_root, { mode }, ctx) => {
        const userId = requireUser(ctx.userId);
        const { state, transition } = await companion.changeMode(ctx.em, userId, mode);
        if (transition) {
          notify.outboxWritten();
          await notify.changed(userId, 'mode.changed');
        }
        return state;
      },
    }),
  }));
  return { CompanionStateRef };
}

export type CompanionTypes = ReturnType<typeof defineCompanionTypes>;
