import { describe, expect, it } from 'vitest';
import { type ReflectionSource, reflect } from './reflection-rules.ts';

let next = 0;
const m = (kind: ReflectionSource['kind'], content: string): ReflectionSource => ({ id: `m${next++}`, kind, content });

describe('offline reflection', () => {
  it('aggregates likes, dislikes, people, health and plans, each citing its memories', () => {
    const tea = m('PREFERENCE', 'I love green tea');
    const hiking = m('PREFERENCE', 'I really enjoy hiking in the mountains.');
    const jazz = m('PREFERENCE', "I'm a huge fan of jazz");
    const horror = m('PREFERENCE', "I don't like horror movies");
    const music = m('PREFERENCE', "I can't stand loud music");
    const anna = m('RELATIONSHIP', 'My sister is called Anna');
    const tom = m('RELATIONSHIP', 'My brother Tom lives in Paris');
    const nuts = m('FACT', 'I’m allergic to peanuts');
    const job = m('FACT', 'I work as a nurse');
    const reflections = reflect([tea, hiking, jazz, horror, music, anna, tom, nuts, job]);
    expect(reflections).toEqual([
      { theme: 'dislikes', content: 'Things I dislike: horror movies and loud music.', sourceIds: [horror.id, music.id] },
      {
        theme: 'likes',
        content: 'Things I enjoy: green tea, hiking in the mountains and jazz.',
        sourceIds: [tea.id, hiking.id, jazz.id],
      },
      { theme: 'people', content: 'People in my life: my sister Anna and my brother Tom.', sourceIds: [anna.id, tom.id] },
    ]);
  });

  it('needs two memories of a theme, ignores reflections and repeats', () => {
    expect(reflect([m('PREFERENCE', 'I love tea'), m('FACT', 'I live in Osaka')])).toEqual([]);
    expect(reflect([m('PREFERENCE', 'I love tea'), m('PREFERENCE', 'I love tea!'), m('REFLECTION', 'I love tea')])).toEqual([]);
    const plans = reflect([
      m('EVENT', 'Tomorrow I have a job interview'),
      m('EVENT', 'Next Friday I fly to Oslo'),
      m('EVENT', 'My birthday is March 3rd'),
    ]);
    expect(plans.map((r) => [r.theme, r.sourceIds.length])).toEqual([['plans', 2]]);
    expect(plans[0]?.content).toBe('Coming up or recent: tomorrow I have a job interview; next Friday I fly to Oslo.');
  });
});
