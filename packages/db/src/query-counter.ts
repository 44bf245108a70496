// biome-ignore lint/suspicious/noControlCharactersInRegex: MikroORM colours its log lines.
const ANSI = /\u001b\[[0-9;]*m/g;
const STATEMENT = /^\[query\]\s+(select|insert|update|delete|with)\b/i;

/** Counts SQL statements the ORM sends, to assert that list fields are free of N+1. */
export function createQueryCounter() {
  let count = 0;
  const statements: string[] = [];
  return {
    record(message: string): void {
      const plain = message.replace(ANSI, '');
      if (!STATEMENT.test(plain)) return;
      count += 1;
      if (statements.length < 200) statements.push(plain);
    },
    get count(): number {
      return count;
    },
    get statements(): readonly string[] {
      return statements;
    },
    reset(): void {
      count = 0;
      statements.length = 0;
    },
  };
}

export type QueryCounter = ReturnType<typeof createQueryCounter>;
