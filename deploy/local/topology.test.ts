import { describe, expect, it } from 'vitest';
import { parseLauncherArgs } from './args.ts';
import { planTopology, replicaName } from './topology.ts';

describe('planTopology', () => {
  it('runs one process per service on the supergraph ports without proxies', () => {
    const topology = planTopology(1);
    expect(topology.routerPorts).toEqual([4000]);
    expect(topology.subgraphs.map((s) => [s.name, s.port, s.replicaPorts, s.proxied])).toEqual([
      ['identity', 4001, [4001], false],
      ['personality', 4002, [4002], false],
      ['memory', 4003, [4003], false],
      ['quest', 4004, [4004], false],
      ['conversation', 4005, [4005], false],
    ]);
  });

  it('puts replicas on distinct ports behind a proxy on the usual port', () => {
    const topology = planTopology(3);
    expect(topology.routerPorts).toEqual([4000, 4010, 4020]);
    expect(topology.routerProxyPort).toBe(4009);
    expect(planTopology(1).routerProxyPort).toBeUndefined();
    expect(topology.subgraphs[0]).toEqual({ name: 'identity', port: 4001, replicaPorts: [4101, 4102, 4103], proxied: true });
    expect(topology.subgraphs[4]).toEqual({ name: 'conversation', port: 4005, replicaPorts: [4501, 4502, 4503], proxied: true });
    const ports = [
      ...topology.routerPorts,
      topology.routerProxyPort,
      ...topology.subgraphs.flatMap((s) => [s.port, ...s.replicaPorts]),
    ];
    expect(new Set(ports).size).toBe(ports.length);
  });

  it('keeps every port distinct at the maximum replica count', () => {
    const topology = planTopology(9);
    const ports = [...topology.routerPorts, ...topology.subgraphs.flatMap((s) => [s.port, ...s.replicaPorts])];
    expect(new Set(ports).size).toBe(ports.length);
  });

  it('shifts every port with the base port', () => {
    const topology = planTopology(2, 5000);
    expect(topology.routerPorts).toEqual([5000, 5010]);
    expect(topology.subgraphs[1]).toEqual({ name: 'personality', port: 5002, replicaPorts: [5201, 5202], proxied: true });
  });

  it('names replicas only when there are several', () => {
    expect(replicaName('memory', 0, 1)).toBe('memory');
    expect(replicaName('memory', 1, 2)).toBe('memory-2');
  });
});

describe('parseLauncherArgs', () => {
  it('defaults to one replica and validates --replicas', () => {
    expect(parseLauncherArgs([])).toEqual({ replicas: 1, basePort: 4000, help: false });
    expect(parseLauncherArgs(['--replicas', '2', '--base-port', '5000'])).toEqual({ replicas: 2, basePort: 5000, help: false });
    expect(() => parseLauncherArgs(['--base-port', '80'])).toThrow(/base-port/);
    expect(() => parseLauncherArgs(['--replicas', '0'])).toThrow(/1 to 9/);
    expect(() => parseLauncherArgs(['--replicas', 'two'])).toThrow(/whole number/);
    expect(() => parseLauncherArgs(['--bogus'])).toThrow();
  });

  it('refuses a base port that puts a service on a port fetch refuses', () => {
    expect(() => parseLauncherArgs(['--base-port', '6000'])).toThrow(/port 6000, which fetch and browsers refuse/);
    // identity's replicas of base 5960 land on 6061…; quest's proxy of base 4041 on 4045
    expect(() => parseLauncherArgs(['--base-port', '4041'])).toThrow(/port 4045/);
    expect(parseLauncherArgs(['--base-port', '7000', '--replicas', '3']).basePort).toBe(7000);
  });
});
