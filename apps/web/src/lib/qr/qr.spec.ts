import { describe, expect, it } from 'vitest';
import { encodeQr, qrPath } from './qr.js';

describe('qr path', () => {
  it('merges dark runs of a row into one rectangle and adds the quiet zone', () => {
    // 3×3: row 0 = ##., row 1 = ..#, row 2 = ...
    const dark = [
      [true, true, false],
      [false, false, true],
      [false, false, false],
    ];
    const path = qrPath({ size: 3, isDark: (r, c) => dark[r]?.[c] ?? false }, 1);
    expect(path).toEqual({ d: 'M1 1h2v1h-2zM3 2h1v1h-1z', viewBox: '0 0 5 5' });
  });
});

describe('encodeQr', () => {
  it('encodes a join link as a square matrix with the three finder patterns', () => {
    const matrix = encodeQr(
      'https://werkraum.example/b/4D92V_UOF-cYGGIsDdEg9w#Ab3_dEf-GhIjKlMnOpQrSt',
    );
    expect(matrix.size).toBeGreaterThanOrEqual(25);
    expect((matrix.size - 17) % 4).toBe(0);
    // A finder pattern: dark 7×7 ring around a light ring around a dark 3×3 core.
    for (const [r0, c0] of [
      [0, 0],
      [0, matrix.size - 7],
      [matrix.size - 7, 0],
    ] as const) {
      expect(matrix.isDark(r0, c0)).toBe(true);
      expect(matrix.isDark(r0 + 1, c0 + 1)).toBe(false);
      expect(matrix.isDark(r0 + 3, c0 + 3)).toBe(true);
    }
  });
});
