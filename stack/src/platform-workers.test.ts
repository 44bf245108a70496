import { describe, expect, it } from 'vitest';
import { type PlatformWorkerEntry, planPlatformWorkers } from './platform-workers.ts';

const TOKEN = '123456:ABC-def_ghi';

function recordingEntry(name: string, options: { failStart?: boolean } = {}) {
  const seen: Record<string, string | undefined>[] = [];
  const events: string[] = [];
  const entry: PlatformWorkerEntry = {
    name,
    configured: (source) => Boolean(source[`${name.toUpperCase()}_ON`]),
    check: (source) => {
      if (source[`${name.toUpperCase()}_ON`] === 'bad') throw new Error(`${name}: bad configuration`);
    },
    create: (source) => {
      seen.push(source);
      return {
        start: async () => {
          if (options.failStart) throw new Error(`${name} could not start`);
          events.push(`${name} started`);
          return { who: name };
        },
        stop: async () => {
          events.push(`${name} stopped`);
        },
      };
    },
    describe: (started) => `running as ${(started as { who: string }).who}`,
  };
  return { entry, seen, events };
}

describe('planPlatformWorkers', () => {
  it('plans nothing when no worker is configured', async () => {
    const plan = planPlatformWorkers({});
    expect(plan.credentials).toEqual([]);
    expect((await plan.start('http://127.0.0.1:1/graphql')).lines).toEqual([]);
  });

  it('gives the Telegram worker a generated credential when TELEGRAM_BOT_TOKEN is set', () => {
    const plan = planPlatformWorkers({ TELEGRAM_BOT_TOKEN: TOKEN });
    expect(plan.credentials).toHaveLength(1);
    expect(plan.credentials[0]!.name).toBe('telegram');
    expect(plan.credentials[0]!.secret).toMatch(/^[0-9a-f]{64}$/u);
    expect(planPlatformWorkers({ TELEGRAM_BOT_TOKEN: TOKEN }).credentials[0]!.secret).not.toBe(plan.credentials[0]!.secret);
  });

  it('uses a configured telegram credential instead of generating one (the router already accepts it)', () => {
    const plan = planPlatformWorkers({
      TELEGRAM_BOT_TOKEN: TOKEN,
      SERVICE_CREDENTIALS: `other:${'o'.repeat(32)},telegram:${'t'.repeat(40)}`,
    });
    expect(plan.credentials).toEqual([]);
  });

  it('refuses a mistaken Telegram configuration before anything starts', () => {
    expect(() => planPlatformWorkers({ TELEGRAM_BOT_TOKEN: 'not-a-token' })).toThrow(/TELEGRAM_BOT_TOKEN/u);
    expect(() => planPlatformWorkers({ TELEGRAM_BOT_TOKEN: TOKEN, TELEGRAM_MODE: 'webhook' })).toThrow(/TELEGRAM_WEBHOOK_URL/u);
  });

  it('starts each configured worker against the router with its own credential, and says so', async () => {
    const a = recordingEntry('alpha');
    const b = recordingEntry('beta');
    const plan = planPlatformWorkers({ ALPHA_ON: '1', SERVICE_CREDENTIALS: `alpha:${'a'.repeat(32)}` }, [a.entry, b.entry]);
    expect(plan.credentials).toEqual([]);
    const running = await plan.start('http://127.0.0.1:4321/graphql');
    expect(a.seen[0]).toMatchObject({
      ROUTER_URL: 'http://127.0.0.1:4321/graphql',
      SERVICE_CREDENTIALS: `alpha:${'a'.repeat(32)}`,
    });
    expect(b.seen).toEqual([]);
    expect(running.lines).toEqual([`${'alpha'.padEnd(13)} running as alpha`]);
    await running.stop();
    expect(a.events).toEqual(['alpha started', 'alpha stopped']);
  });

  it('stops the workers already started when a later one fails to start', async () => {
    const a = recordingEntry('alpha');
    const b = recordingEntry('beta', { failStart: true });
    const plan = planPlatformWorkers({ ALPHA_ON: '1', BETA_ON: '1' }, [a.entry, b.entry]);
    expect(plan.credentials.map((c) => c.name)).toEqual(['alpha', 'beta']);
    await expect(plan.start('http://127.0.0.1:4321/graphql')).rejects.toThrow('beta could not start');
    expect(a.events).toEqual(['alpha started', 'alpha stopped']);
  });
});
