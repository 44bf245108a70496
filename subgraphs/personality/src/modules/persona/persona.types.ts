import type { CompanionMode, PadVector } from '../mood/mood.types.ts';

/** Big Five personality traits, each 0..1. */
export interface BigFiveTraits {
  readonly openness: number;
  readonly conscientiousness: number;
  readonly extraversion: number;
  readonly agreeableness: number;
  readonly neuroticism: number;
}

/** How the persona talks in one companion mode; fed to the reply prompt. */
export interface ModeStyle {
  /** One short paragraph of style guidance. */
  readonly style: string;
  /** A few lines in that voice, used as few-shot examples. */
  readonly examples: readonly string[];
}

export type ModeStyles = Readonly<Record<CompanionMode, ModeStyle>>;

/** The original Character Card fields of an imported persona, kept so export loses nothing. */
export interface CharacterCardFields {
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
  readonly nickname?: string;
  readonly group_only_greetings?: readonly string[];
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
}

export interface PersonaDefinition {
  readonly id: string;
  readonly name: string;
  readonly description: string;
  /** First message of a new conversation. */
  readonly greeting: string;
  readonly traits: BigFiveTraits;
  /** The mood the companion relaxes back to (see decayMood). */
  readonly baselineMood: PadVector;
  readonly modeStyles: ModeStyles;
  readonly tags?: readonly string[];
  readonly systemPrompt?: string;
  /** Present on personas imported from a Character Card. */
  readonly card?: CharacterCardFields;
}
