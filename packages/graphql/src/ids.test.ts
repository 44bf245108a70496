import { encodeCursor } from './pagination.ts';
import { describe, expect, it } from 'vitest';
import { decodeUuidCursor, isUuid } from './ids.ts';

describe('isUuid', () => {
  it('accepts canonical uuids in either case and rejects the rest', () => {
    expect(isUuid('0b9f6b1e-4c1a-4e8e-9a51-1f0c2d3e4f50')).toBe(true);
    expect(isUuid('0B9F6B1E-4C1A-4E8E-9A51-1F0C2D3E4F50')).toBe(true);
    expect(isUuid('not-a-uuid')).toBe(false);
    expect(isUuid('0b9f6b1e4c1a4e8e9a511f0c2d3e4f50')).toBe(false);
    expect(isUuid("0b9f6b1e-4c1a-4e8e-9a51-1f0c2d3e4f50' or 1=1")).toBe(false);
  });
});

describe('decodeUuidCursor', () => {
  it('round-trips a cursor and treats a missing one as null', () => {
    const at = new Date('2026-01-02T03:04:05.678Z');
    const id = '0b9f6b1e-4c1a-4e8e-9a51-1f0c2d3e4f50';
    expect(decodeUuidCursor(encodeCursor(at, id))).toEqual({ createdAt: at, id });
    expect(decodeUuidCursor(null)).toBeNull();
    expect(decodeUuidCursor(undefined)).toBeNull();
  });

  it('rejects garbage and cursors whose id is not a uuid as BAD_USER_INPUT', () => {
    expect(() => decodeUuidCursor('garbage')).toThrow(expect.objectContaining({ code: 'BAD_USER_INPUT' }));
    expect(() => decodeUuidCursor(encodeCursor(new Date(), 'x; drop table'))).toThrow(
      expect.objectContaining({ code: 'BAD_USER_INPUT' }),
    );
  });
});
