import { z } from 'zod';

/** Size limits for imported cards; generous for real cards, small enough to keep prompts sane. */
export const CARD_LIMITS = {
  name: 100,
  text: 10_000,
  example: 20_000,
  greetings: 20,
  tags: 50,
  tag: 50,
  short: 200,
  sources: 20,
  url: 2_000,
  assets: 100,
  languages: 20,
  extensionsJson: 100_000,
} as const;

const typeError = (expected: string) => (issue: { input: unknown }) =>
  issue.input === undefined ? 'required' : `must be ${expected}`;

const longest = (max: number) => ({ error: `must be at most ${max} characters` });
const most = (max: number) => ({ error: `must have at most ${max} items` });

// Exporters often write null or leave fields out even where the spec says "required": both read as "".
const text = (max: number) =>
  z
    .string({ error: typeError('a string') })
    .max(max, longest(max))
    .nullish()
    .transform((v) => v ?? '');

const texts = (maxItems: number, maxChars: number) =>
  z
    .array(z.string({ error: typeError('a string') }).max(maxChars, longest(maxChars)), {
      error: typeError('an array'),
    })
    .max(maxItems, most(maxItems))
    .nullish()
    .transform((v) => v ?? []);

const name = z
  .string({ error: typeError('a string') })
  .trim()
  .min(1, { error: 'required' })
  .max(CARD_LIMITS.name, longest(CARD_LIMITS.name));

const extensions = z
  .record(z.string(), z.unknown(), { error: typeError('an object') })
  .nullish()
  .transform((v) => v ?? {})
  .refine((v) => JSON.stringify(v).length <= CARD_LIMITS.extensionsJson, {
    error: `must be at most ${CARD_LIMITS.extensionsJson} characters of JSON`,
  });

/** Character Card V1: the original flat TavernAI shape. */
export const cardV1Schema = z.object(
  {
    name,
    description: text(CARD_LIMITS.text),
    personality: text(CARD_LIMITS.text),
    scenario: text(CARD_LIMITS.text),
    first_mes: text(CARD_LIMITS.text),
    mes_example: text(CARD_LIMITS.example),
  },
  { error: typeError('an object') },
);

const v2DataShape = {
  ...cardV1Schema.shape,
  creator_notes: text(CARD_LIMITS.text),
  system_prompt: text(CARD_LIMITS.text),
  post_history_instructions: text(CARD_LIMITS.text),
  alternate_greetings: texts(CARD_LIMITS.greetings, CARD_LIMITS.text),
  tags: texts(CARD_LIMITS.tags, CARD_LIMITS.tag),
  creator: text(CARD_LIMITS.short),
  character_version: text(CARD_LIMITS.short),
  extensions,
};

const timestamp = z
  .number({ error: typeError('a number') })
  .int({ error: 'must be a whole number of seconds' })
  .nonnegative({ error: 'must not be negative' })
  .optional();

const asset = z.object(
  {
    type: text(CARD_LIMITS.short),
    uri: z.string({ error: typeError('a string') }).max(CARD_LIMITS.url, longest(CARD_LIMITS.url)),
    name: text(CARD_LIMITS.short),
    ext: text(CARD_LIMITS.short),
  },
  { error: typeError('an object') },
);

const v3DataShape = {
  ...v2DataShape,
  nickname: text(CARD_LIMITS.name).optional(),
  group_only_greetings: texts(CARD_LIMITS.greetings, CARD_LIMITS.text),
  creator_notes_multilingual: z
    .record(
      z.string().max(35, longest(35)),
      z.string({ error: typeError('a string') }).max(CARD_LIMITS.text, longest(CARD_LIMITS.text)),
      {
        error: typeError('an object'),
      },
    )
    .refine((v) => Object.keys(v).length <= CARD_LIMITS.languages, {
      error: `must have at most ${CARD_LIMITS.languages} languages`,
    })
    .optional(),
  source: texts(CARD_LIMITS.sources, CARD_LIMITS.url).optional(),
  creation_date: timestamp,
  modification_date: timestamp,
  assets: z
    .array(asset, { error: typeError('an array') })
    .max(CARD_LIMITS.assets, most(CARD_LIMITS.assets))
    .optional(),
};

const specVersion = (major: number) =>
  z
    .string({ error: typeError('a string') })
    .regex(new RegExp(`^${major}(\\.\\d+)*$`), { error: `must be a ${major}.x version such as "${major}.0"` });

export const cardV2Schema = z.object({
  spec: z.literal('chara_card_v2'),
  spec_version: specVersion(2),
  data: z.object(v2DataShape, { error: typeError('an object') }),
});

export const cardV3Schema = z.object({
  spec: z.literal('chara_card_v3'),
  spec_version: specVersion(3),
  data: z.object(v3DataShape, { error: typeError('an object') }),
});

export type CardV1 = z.output<typeof cardV1Schema>;
export type CardV2Data = z.output<typeof cardV2Schema>['data'];
export type CardV3Data = z.output<typeof cardV3Schema>['data'];

const unit = z.number().min(0).max(1);
const axis = z.number().min(-1).max(1);
const modeStyle = z.object({
  style: z.string().max(CARD_LIMITS.text),
  examples: z.array(z.string().max(1_000)).max(10),
});

/** `data.extensions.miyu`: what MIYU exports beyond the card spec, so a round trip keeps it. */
export const miyuExtensionSchema = z.object({
  traits: z
    .object({ openness: unit, conscientiousness: unit, extraversion: unit, agreeableness: unit, neuroticism: unit })
    .optional(),
  baselineMood: z.object({ pleasure: axis, arousal: axis, dominance: axis }).optional(),
  modeStyles: z
    .object({ CASUAL: modeStyle, SUPPORTIVE: modeStyle, PLAYFUL: modeStyle, FOCUSED: modeStyle, REFLECTIVE: modeStyle })
    .optional(),
});
