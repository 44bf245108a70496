import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

/**
 * A small JSON document on disk, replaced atomically (write a temporary file, then rename) on
 * every save, so a crash leaves either the old or the new version, never half of one.
 */
export function createStateFile<T>(path: string, empty: () => T) {
  return {
    load(): T {
      try {
        return { ...empty(), ...(JSON.parse(readFileSync(path, 'utf8')) as Partial<T>) };
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') return empty();
        throw error;
      }
    },
    save(value: T): void {
      mkdirSync(dirname(path), { recursive: true });
      const temporary = `${path}.${process.pid}.tmp`;
      writeFileSync(temporary, JSON.stringify(value));
      renameSync(temporary, path);
    },
  };
}
