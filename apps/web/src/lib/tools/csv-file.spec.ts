import { describe, expect, it } from 'vitest';
import { decodeCsvBytes } from './csv-file.js';

describe('reading a CSV file', () => {
  it('reads UTF-8 (with or without byte order mark) and Excel’s Windows-1252', () => {
    const utf8 = new TextEncoder().encode('\uFEFFMaßnahme;Fällig\r\n');
    expect(decodeCsvBytes(utf8)).toBe('Maßnahme;Fällig\r\n');
    const cp1252 = new Uint8Array([0x4d, 0x61, 0xdf, 0x6e, 0x61, 0x68, 0x6d, 0x65, 0x3b, 0xe4]);
    expect(decodeCsvBytes(cp1252.buffer)).toBe('Maßnahme;ä');
  });
});
