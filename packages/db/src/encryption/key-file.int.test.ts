import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigError } from '@miyu/platform/env-schema';
import { afterEach, describe, expect, it } from 'vitest';
import { resolveKeyring } from './keyring-config.ts';

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe('the embedded key file', () => {
  it('is created 0600 on first start and read back on the next', () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'miyu-keys-'));
    dirs.push(dataDir);
    const first = resolveKeyring({ configured: undefined, dataDir, allowKeyFile: true, service: 'miyu' });
    expect(first.keyFile?.created).toBe(true);
    expect(statSync(join(dataDir, 'encryption-keys')).mode & 0o777).toBe(0o600);
    const second = resolveKeyring({ configured: undefined, dataDir, allowKeyFile: true, service: 'miyu' });
    expect(second.keyFile?.created).toBe(false);
    expect(second.keyring.current.key.equals(first.keyring.current.key)).toBe(true);
  });

  it('is not used with DATABASE_URL: the variable is required', () => {
    expect(() =>
      resolveKeyring({ configured: undefined, dataDir: '/nonexistent', allowKeyFile: false, service: 'memory' }),
    ).toThrow(ConfigError);
  });
});
