import { describe, expect, it } from 'vitest';
import { readCalendarAddress, writeCalendarAddress } from './calendar-address.js';

function memory() {
  const data = new Map<string, string>();
  return {
    getItem: (k: string) => data.get(k) ?? null,
    setItem: (k: string, v: string) => void data.set(k, v),
    removeItem: (k: string) => void data.delete(k),
  };
}

describe('the calendar address on this device', () => {
  it('keeps the address per board, only web addresses', () => {
    const storage = memory();
    expect(readCalendarAddress(storage, 'b1')).toBeNull();
    writeCalendarAddress(storage, 'b1', 'https://example.org/api/calendar/b1/s.ics');
    expect(readCalendarAddress(storage, 'b1')).toBe('https://example.org/api/calendar/b1/s.ics');
    expect(readCalendarAddress(storage, 'b2')).toBeNull();
    storage.setItem('werkraum:calendar:b3', 'javascript:alert(1)');
    expect(readCalendarAddress(storage, 'b3')).toBeNull();
    expect(readCalendarAddress(undefined, 'b1')).toBeNull();
  });
});
