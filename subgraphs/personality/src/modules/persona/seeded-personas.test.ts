import { describe, expect, it } from 'vitest';
import { labelMood } from '../mood/mood-model.ts';
import { COMPANION_MODES } from '../mood/mood.types.ts';
import { SEEDED_PERSONAS, findSeededPersona } from './miyu-persona.ts';

describe('seeded personas', () => {
  it('starts with MIYU and has unique ids', () => {
    expect(SEEDED_PERSONAS[0]?.id).toBe('miyu');
    expect(SEEDED_PERSONAS.length).toBeGreaterThan(1);
    expect(new Set(SEEDED_PERSONAS.map((p) => p.id)).size).toBe(SEEDED_PERSONAS.length);
    expect(findSeededPersona('ren')?.name).toBe('Ren');
    expect(findSeededPersona('nobody')).toBeUndefined();
  });

  it.each(SEEDED_PERSONAS.map((p) => [p.id, p] as const))('%s is complete and in range', (_, persona) => {
    expect(persona.greeting.length).toBeGreaterThan(0);
    for (const value of Object.values(persona.traits)) expect(value).toBeGreaterThanOrEqual(0);
    for (const value of Object.values(persona.traits)) expect(value).toBeLessThanOrEqual(1);
    for (const axis of Object.values(persona.baselineMood)) expect(Math.abs(axis)).toBeLessThanOrEqual(1);
    for (const mode of COMPANION_MODES) {
      expect(persona.modeStyles[mode].style.length).toBeGreaterThan(20);
      expect(persona.modeStyles[mode].examples.length).toBeGreaterThanOrEqual(2);
    }
  });

  it('gives MIYU a cheerful resting mood and Ren a calm, trusting one', () => {
    expect(labelMood(findSeededPersona('miyu')?.baselineMood ?? { pleasure: 0, arousal: 0, dominance: 0 })).toBe('JOY');
    expect(labelMood(findSeededPersona('ren')?.baselineMood ?? { pleasure: 0, arousal: 0, dominance: 0 })).toBe('TRUST');
  });
});
