import type { PersonaDefinition } from './persona.types.ts';

/** A Character Card V3 as MIYU writes it (the fields this exporter fills, all spec-conformant). */
export interface CharacterCardV3 {
  readonly spec: 'chara_card_v3';
  readonly spec_version: '3.0';
  readonly data: {
    readonly name: string;
    readonly description: string;
    readonly personality: string;
    readonly scenario: string;
    readonly first_mes: string;
    readonly mes_example: string;
    readonly creator_notes: string;
    readonly system_prompt: string;
    readonly post_history_instructions: string;
    readonly alternate_greetings: readonly string[];
    readonly tags: readonly string[];
    readonly creator: string;
    readonly character_version: string;
    readonly extensions: Readonly<Record<string, unknown>>;
    readonly group_only_greetings: readonly string[];
    readonly nickname?: string;
    readonly creator_notes_multilingual?: Readonly<Record<string, string>>;
    readonly source?: readonly string[];
    readonly creation_date?: number;
    readonly modification_date?: number;
    readonly assets?: readonly {
      readonly type: string;
      readonly uri: string;
      readonly name: string;
      readonly ext: string;
    }[];
  };
}

export interface CardExportOptions {
  /** Stamped as modification_date (and creation_date if the card has none); omitted when absent. */
  readonly now?: Date;
}

/** Few-shot examples in the card's `<START>` dialogue format, from the persona's casual voice. */
function exampleDialogue(persona: PersonaDefinition): string {
  return persona.modeStyles.CASUAL.examples.map((line) => `<START>\n{{char}}: ${line}`).join('\n');
}

/**
 * Exports a persona as a Character Card V3. Imported personas get their original card fields
 * back; MIYU's own fields (traits, baseline mood, mode styles) travel in `extensions.miyu`, which
 * parseCharacterCard reads, so export followed by import keeps them.
 */
export function toCharacterCardV3(persona: PersonaDefinition, options: CardExportOptions = {}): CharacterCardV3 {
  const card = persona.card;
  const seconds = options.now ? Math.floor(options.now.getTime() / 1000) : undefined;
  const creationDate = card?.creation_date ?? seconds;
  return {
    spec: 'chara_card_v3',
    spec_version: '3.0',
    data: {
      name: persona.name,
      description: card ? card.description : persona.description,
      personality: card?.personality ?? '',
      scenario: card?.scenario ?? '',
      first_mes: persona.greeting,
      mes_example: card ? card.mes_example : exampleDialogue(persona),
      creator_notes: card?.creator_notes ?? '',
      system_prompt: persona.systemPrompt ?? '',
      post_history_instructions: card?.post_history_instructions ?? '',
      alternate_greetings: card?.alternate_greetings ?? [],
      tags: persona.tags ?? [],
      creator: card ? card.creator : 'MIYU',
      character_version: card ? card.character_version : '1.0',
      extensions: {
        ...card?.extensions,
        miyu: { traits: persona.traits, baselineMood: persona.baselineMood, modeStyles: persona.modeStyles },
      },
      group_only_greetings: card?.group_only_greetings ?? [],
      ...(card?.nickname ? { nickname: card.nickname } : {}),
      ...(card?.creator_notes_multilingual ? { creator_notes_multilingual: card.creator_notes_multilingual } : {}),
      ...(card?.source ? { source: card.source } : {}),
      ...(card?.assets ? { assets: card.assets } : {}),
      ...(creationDate === undefined ? {} : { creation_date: creationDate }),
      ...(seconds === undefined ? {} : { modification_date: seconds }),
    },
  };
}

/** Replaces the card macros {{char}} and {{user}} (case-insensitive), e.g. in a greeting. */
export function fillCardMacros(text: string, names: { readonly char: string; readonly user: string }): string {
  return text.replace(/\{\{(char|user)\}\}/gi, (_, which: string) => (which.toLowerCase() === 'char' ? names.char : names.user));
}
