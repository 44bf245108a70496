import { describe, expect, it } from 'vitest';
import { planTopology, planWorkers, blockedPorts } from './topology.ts';
import { withWorkerCredentials } from './worker-credentials.ts';

describe('withWorkerCredentials', () => {
  it('appends a random secret for a worker that has none, and keeps the others', () => {
    const { credentials, generated } = withWorkerCredentials(`bot:${'b'.repeat(32)}`, ['telegram']);
    expect(generated).toEqual(['telegram']);
    expect(credentials).toMatch(/^bot:b{32},telegram:[0-9a-f]{64}$/u);
    expect(withWorkerCredentials('', ['telegram']).credentials).toMatch(/^telegram:[0-9a-f]{64}$/u);
  });

  it('keeps a configured worker credential as it is', () => {
    const configured = `telegram:${'t'.repeat(40)}`;
    expect(withWorkerCredentials(configured, ['telegram'])).toEqual({ credentials: configured, generated: [] });
  });
});

describe('planWorkers', () => {
  it('runs the Telegram worker only when TELEGRAM_BOT_TOKEN is set, on base+7', () => {
    expect(planWorkers({})).toEqual([]);
    expect(planWorkers({ TELEGRAM_BOT_TOKEN: '1:x' }, 5000)).toEqual([
      {
        name: 'telegram',
        script: 'clients/telegram/src/main.ts',
        port: 5007,
        portVariable: 'TELEGRAM_PORT',
        hostVariable: 'TELEGRAM_HOST',
      },
    ]);
  });

  it('runs the X worker only when X_API_KEY and X_ACCESS_TOKEN are set, on base+8, beside Telegram', () => {
    expect(planWorkers({ X_API_KEY: 'k' })).toEqual([]);
    const both = planWorkers({ TELEGRAM_BOT_TOKEN: '1:x', X_API_KEY: 'k', X_ACCESS_TOKEN: 't' });
    expect(both.map((worker) => [worker.name, worker.script, worker.port, worker.portVariable, worker.hostVariable])).toEqual([
      ['telegram', 'clients/telegram/src/main.ts', 4007, 'TELEGRAM_PORT', 'TELEGRAM_HOST'],
      ['x', 'clients/x/src/main.ts', 4008, 'X_PORT', 'X_HOST'],
    ]);
    const topology = planTopology(3);
    const servicePorts = [...topology.routerPorts, topology.routerProxyPort, ...topology.subgraphs.map((s) => s.port)];
    expect(servicePorts).not.toContain(4008);
  });

  it('counts the worker port among those fetch may refuse', () => {
    // base 4038: telegram's port lands on 4045
    expect(blockedPorts(planTopology(1, 4038))).toContain(4045);
  });
});
