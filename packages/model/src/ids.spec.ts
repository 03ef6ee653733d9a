import { describe, expect, it } from 'vitest';
import { boardIdSchema, itemIdSchema, newBoardId, newItemId } from './ids.js';

describe('ids', () => {
  it('makes unique, valid board ids of 128 bits', () => {
    const ids = new Set(Array.from({ length: 1000 }, () => newBoardId()));
    expect(ids.size).toBe(1000);
    for (const id of ids) expect(boardIdSchema.parse(id)).toBe(id);
    expect([...ids][0]).toHaveLength(22);
  });

  it('accepts item ids and the fixed step ids only', () => {
    expect(itemIdSchema.safeParse(newItemId()).success).toBe(true);
    expect(itemIdSchema.safeParse('step-10').success).toBe(true);
    for (const bad of [
      'step-11',
      'step-0',
      '',
      'x'.repeat(17),
      '../../etc/passwd',
      'abc def ghi jklm',
    ]) {
      expect(itemIdSchema.safeParse(bad).success).toBe(false);
    }
    expect(boardIdSchema.safeParse('<script>alert(1)</script>').success).toBe(false);
  });
});
