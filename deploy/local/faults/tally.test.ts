import { describe, expect, it } from 'vitest';
import type { Chunk, SendOutcome, StoredMessage } from './fault-client.ts';
import { judge } from './fault-suite.ts';
import { emptyTally, tallyMessages, tallyStream } from './tally.ts';

const sent = (content: string, failures: string[] = []): SendOutcome => ({
  content,
  clientMessageId: content,
  replyId: 'r',
  failures,
  ms: 1,
});
const user = (id: string, content: string): StoredMessage => ({ id, role: 'USER', status: 'COMPLETE', content, replyTo: null });
const reply = (id: string, to: string, status = 'COMPLETE'): StoredMessage => ({
  id,
  role: 'ASSISTANT',
  status,
  content: 'hi',
  replyTo: { id: to },
});
const chunk = (seq: number, delta: string, extra: Partial<Chunk> = {}): Chunk => ({
  seq,
  delta,
  done: false,
  reset: false,
  message: null,
  ...extra,
});

describe('fault tally', () => {
  it('counts a message with one complete reply as fine, and honest retries as no false failure', () => {
    const tally = tallyMessages([sent('a', ['SERVICE_UNAVAILABLE', 'NETWORK'])], [user('u1', 'a'), reply('r1', 'u1')]);
    expect(tally).toMatchObject({ lost: 0, duplicated: 0, falseFailures: 0, codes: { SERVICE_UNAVAILABLE: 1, NETWORK: 1 } });
  });

  it('counts unstored messages and unanswered ones as lost, copies as duplicated, masked errors as false failures', () => {
    const stored = [
      user('u1', 'a'),
      user('u2', 'a'),
      reply('r1', 'u1'),
      reply('r2', 'u2'),
      user('u3', 'b'),
      reply('r3', 'u3', 'FAILED'),
    ];
    const tally = tallyMessages([sent('a', ['SUBGRAPH_UNAVAILABLE']), sent('b'), sent('c')], stored);
    expect(tally).toMatchObject({ lost: 2, duplicated: 2, falseFailures: 1 });
  });

  it('checks a stream: no gaps, no repeats, the text after the last reset is the stored reply', () => {
    const done = { done: true, message: { status: 'COMPLETE', content: 'b c' } };
    expect(tallyStream([chunk(0, 'x '), chunk(1, '', { reset: true }), chunk(2, 'b '), chunk(3, 'c', done)], true)).toEqual(
      emptyTally(),
    );
    expect(tallyStream([chunk(0, 'b '), chunk(0, 'b '), chunk(2, 'c', done)], true)).toMatchObject({ lost: 2, duplicated: 1 });
    expect(tallyStream([chunk(0, 'b ')], false).lost).toBe(1);
  });

  it('fails a fault that recovered later than its bound', () => {
    const result = { tally: emptyTally(), recoverMs: 6_000, notes: [], problems: [] };
    expect(judge('x', 5_000, result).ok).toBe(false);
    expect(judge('x', 10_000, result).ok).toBe(true);
    expect(judge('x', 10_000, { ...result, problems: ['named a service'] }).ok).toBe(false);
  });
});
