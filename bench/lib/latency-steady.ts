import { firstChunk, type Participant, roundTrip } from './latency-round.ts';

export interface SteadySample {
  baselineMs: number;
  firstChunkMs: number;
}

/** A small deterministic PRNG (mulberry32): the same think times every run. */
function random(seed: number) {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 2 ** 32;
  };
}

/**
 * Steady load: every participant is an ongoing conversation that sends its next message a random
 * (exponential) think time after its previous reply has finished, for `durationMs`. Unlike a round,
 * where every participant sends in the same millisecond (the worst case), messages arrive the way
 * people type. Per message: the baseline round trip just before, then send → first chunk.
 */
export async function runSteady(
  participants: Participant[],
  options: { durationMs: number; meanThinkMs: number; label: string },
): Promise<{ samples: SteadySample[]; failures: string[] }> {
  const samples: SteadySample[] = [];
  const failures: string[] = [];
  const deadline = performance.now() + options.durationMs;
  await Promise.all(
    participants.map(async (participant, index) => {
      const next = random(1_000 + index);
      let message = 0;
      while (performance.now() < deadline) {
        const thinkMs = -Math.log(1 - next()) * options.meanThinkMs;
        await new Promise((resolve) => setTimeout(resolve, thinkMs));
        if (performance.now() >= deadline) break;
        try {
          const baselineMs = await roundTrip(participant.client);
          const reply = await firstChunk(participant, `How was your day? (${options.label}-${index}-${message++})`);
          samples.push({ baselineMs, firstChunkMs: reply.firstChunkMs });
        } catch (error) {
          failures.push(error instanceof Error ? error.message : String(error));
        }
      }
    }),
  );
  return { samples, failures };
}
