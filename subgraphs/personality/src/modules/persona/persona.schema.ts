import { errors } from '@miyu/platform/errors';
import type { Builder } from '../../builder.ts';
import { COMPANION_MODES, type CompanionMode } from '../mood/mood.types.ts';
import { fillCardMacros, toCharacterCardV3 } from './character-card-export.ts';
import { createPersona, deletePersona, updatePersona } from './persona-edit.service.ts';
import { importCharacterCard, listPersonas, type PersonaView } from './persona.service.ts';
import type { BigFiveTraits, ModeStyle } from './persona.types.ts';

// The user's display name lives in identity; greetings address them generically here.
const USER_PLACEHOLDER = 'you';

/** A card's free text, or null when it is empty. */
const cardText = (text: string | undefined): string | null => (text?.trim() ? text : null);

export function definePersonaTypes(builder: Builder) {
  const CompanionModeEnum = builder.enumType('CompanionMode', { values: COMPANION_MODES });

  const TraitsRef = builder.objectRef<BigFiveTraits>('PersonaTraits').implement({
    description: 'Big Five personality traits, each 0..1.',
    fields: (t) => ({
      openness: t.exposeFloat('openness'),
      conscientiousness: t.exposeFloat('conscientiousness'),
      extraversion: t.exposeFloat('extraversion'),
      agreeableness: t.exposeFloat('agreeableness'),
      neuroticism: t.exposeFloat('neuroticism'),
    }),
  });

  const ModeStyleRef = builder.objectRef<ModeStyle & { mode: CompanionMode }>('PersonaModeStyle').implement({
    description: 'How the persona talks in one companion mode.',
    fields: (t) => ({
      mode: t.field({ type: CompanionModeEnum, resolve: (style) => style.mode }),
      style: t.exposeString('style'),
      examples: t.stringList({ resolve: (style) => [...style.examples] }),
    }),
  });

  const PersonaRef = builder.objectRef<PersonaView>('Persona').implement({
    fields: (t) => ({
      id: t.id({ resolve: (p) => p.definition.id }),
      name: t.string({ resolve: (p) => p.definition.name }),
      description: t.string({ resolve: (p) => p.definition.description }),
      greeting: t.string({
        resolve: (p) => fillCardMacros(p.definition.greeting, { char: p.definition.name, user: USER_PLACEHOLDER }),
      }),
      tags: t.stringList({ resolve: (p) => [...(p.definition.tags ?? [])] }),
      traits: t.field({ type: TraitsRef, resolve: (p) => p.definition.traits }),
      modeStyles: t.field({
        type: [ModeStyleRef],
        resolve: (p) => COMPANION_MODES.map((mode) => ({ mode, ...p.definition.modeStyles[mode] })),
      }),
      systemPrompt: t.string({ nullable: true, resolve: (p) => p.definition.systemPrompt ?? null }),
      personality: t.string({
        nullable: true,
        description: "An imported card's personality (also part of description); null when it has none.",
        resolve: (p) => cardText(p.definition.card?.personality),
      }),
      scenario: t.string({
        nullable: true,
        description: "An imported card's scenario: the circumstances of the conversation.",
        resolve: (p) => cardText(p.definition.card?.scenario),
      }),
      exampleMessages: t.string({
        nullable: true,
        description: "An imported card's example dialogue (mes_example, blocks separated by <START>).",
        resolve: (p) => cardText(p.definition.card?.mes_example),
      }),
      postHistoryInstructions: t.string({
        nullable: true,
        description: "An imported card's post_history_instructions, given to the model after the conversation.",
        resolve: (p) => cardText(p.definition.card?.post_history_instructions),
      }),
      imported: t.boolean({
        description: 'Imported from a Character Card by the caller.',
        resolve: (p) => p.ownerUserId !== null,
      }),
      characterCard: t.field({
        type: 'JSON',
        description: 'The persona as a Character Card V3 (chara_card_v3).',
        resolve: (p) => toCharacterCardV3(p.definition),
      }),
    }),
  });

  builder.queryField('personas', (t) =>
    t.field({
      type: [PersonaRef],
      description: "The seeded personas (MIYU first), then the caller's own imported ones.",
      resolve: (_root, _args, ctx) => listPersonas(ctx.em, ctx.userId),
    }),
  );

  builder.mutationField('importCharacterCard', (t) =>
    t.field({
      type: PersonaRef,
      description: 'Imports a Character Card (V1, V2 or V3 JSON) as a persona private to the caller.',
      args: { card: t.arg({ type: 'JSON', required: true }) },
      resolve: (_root, { card }, ctx) => {
        if (!ctx.userId) throw errors.unauthenticated();
        return importCharacterCard(ctx.em, ctx.userId, card);
      },
    }),
  );

  const PersonaInput = builder.inputType('PersonaInput', {
    description: 'A persona of your own: written as a Character Card V3, with neutral traits and mode styles.',
    fields: (t) => ({
      name: t.string({ required: true }),
      description: t.string({ required: true }),
      greeting: t.string({ required: true, description: 'Her first message; {{user}} and {{char}} are filled in.' }),
      systemPrompt: t.string({ required: false }),
      tags: t.stringList({ required: false }),
    }),
  });

  builder.mutationField('createPersona', (t) =>
    t.field({
      type: PersonaRef,
      description: 'Creates a persona private to the caller (counted with imported ones).',
      args: { input: t.arg({ type: PersonaInput, required: true }) },
      resolve: (_root, { input }, ctx) => {
        if (!ctx.userId) throw errors.unauthenticated();
        return createPersona(ctx.em, ctx.userId, input);
      },
    }),
  );

  builder.mutationField('updatePersona', (t) =>
    t.field({
      type: PersonaRef,
      description: "Edits one of the caller's own personas; seeded ones cannot be edited (NOT_FOUND).",
      args: { id: t.arg.id({ required: true }), input: t.arg({ type: PersonaInput, required: true }) },
      resolve: (_root, { id, input }, ctx) => {
        if (!ctx.userId) throw errors.unauthenticated();
        return updatePersona(ctx.em, ctx.userId, String(id), input);
      },
    }),
  );

  builder.mutationField('deletePersona', (t) =>
    t.field({
      type: 'Boolean',
      description: "Deletes one of the caller's own personas; a companion using it reads as MIYU again.",
      args: { id: t.arg.id({ required: true }) },
      resolve: (_root, { id }, ctx) => {
        if (!ctx.userId) throw errors.unauthenticated();
        return deletePersona(ctx.em, ctx.userId, String(id));
      },
    }),
  );

  return { PersonaRef, CompanionModeEnum };
}

export type PersonaTypes = ReturnType<typeof definePersonaTypes>;
