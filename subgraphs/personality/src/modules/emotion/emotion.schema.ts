import { validate } from '@miyu/graphql/validate';
import { z } from 'zod';
import type { Builder } from '../../builder.ts';
import type { EmotionAnalyzer } from './emotion-analyzer.ts';
import { EMOTIONS, type EmotionAnalysis, type EmotionScore } from './emotion.types.ts';

/** Must match the conversation subgraph's enum value for value (composition requires it). */
const MESSAGE_ROLES = ['USER', 'ASSISTANT', 'SYSTEM'] as const;

export function defineEmotionTypes(builder: Builder, deps: { analyzer: EmotionAnalyzer; maxAnalyzedChars: number }) {
  const EmotionEnum = builder.enumType('Emotion', { values: EMOTIONS });

  const EmotionScoreRef = builder.objectRef<EmotionScore>('EmotionScore').implement({
    fields: (t) => ({
      emotion: t.field({ type: EmotionEnum, resolve: (score) => score.emotion }),
      score: t.exposeFloat('score'),
    }),
  });

  const EmotionAnalysisRef = builder.objectRef<EmotionAnalysis>('EmotionAnalysis').implement({
    fields: (t) => ({
      primary: t.field({ type: EmotionEnum, resolve: (analysis) => analysis.primary }),
      intensity: t.exposeFloat('intensity', { description: '0..1' }),
      valence: t.exposeFloat('valence', { description: '-1..1, unpleasant to pleasant' }),
      arousal: t.exposeFloat('arousal', { description: '0..1, calm to agitated' }),
      scores: t.field({ type: [EmotionScoreRef], resolve: (analysis) => [...analysis.scores] }),
    }),
  });

  const textInput = z.object({
    text: z.string().max(deps.maxAnalyzedChars, `must be at most ${deps.maxAnalyzedChars} characters`),
  });

  builder.queryField('analyzeEmotion', (t) =>
    t.field({
      type: EmotionAnalysisRef,
      description: 'Offline, deterministic emotion analysis of a text (Plutchik emotions, valence, arousal).',
      args: { text: t.arg.string({ required: true }) },
      resolve: (_root, args) => deps.analyzer.analyze(validate(textInput, args).text),
    }),
  );

  // Message belongs to the conversation subgraph; the router hands us its content and role.
  const MessageRoleEnum = builder.enumType('MessageRole', { values: MESSAGE_ROLES });
  const MessageRef = builder.externalRef('Message', builder.selection<{ id: string }>('id'));
  MessageRef.implement({
    externalFields: (t) => ({
      content: t.string(),
      role: t.field({ type: MessageRoleEnum }),
    }),
    fields: (t) => ({
      id: t.exposeID('id'),
      emotion: t.field({
        type: EmotionAnalysisRef,
        nullable: true,
        description: 'Emotion analysis of a user message; null for assistant and system messages.',
        requires: builder.selection<{ content: string; role: string }>('content role'),
        resolve: (message) => (message.role === 'USER' ? deps.analyzer.analyze(message.content) : null),
      }),
    }),
  });

  return { EmotionEnum, EmotionAnalysisRef };
}

export type EmotionTypes = ReturnType<typeof defineEmotionTypes>;
