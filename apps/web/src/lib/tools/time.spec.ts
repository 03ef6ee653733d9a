import { describe, expect, it } from 'vitest';
import { absoluteTime, localToday, relativeTime } from './time.js';

describe('comment times', () => {
  const now = Date.UTC(2027, 4, 31, 12, 0, 0);
  it('says how long ago, in the UI language', () => {
    expect(relativeTime(now - 10_000, now, 'de')).toBe('jetzt');
    expect(relativeTime(now - 5 * 60_000, now, 'de')).toBe('vor 5 Minuten');
    expect(relativeTime(now - 3 * 3_600_000, now, 'en')).toBe('3 hours ago');
    expect(relativeTime(now - 86_400_000, now, 'de')).toBe('gestern');
    expect(relativeTime(now - 30 * 86_400_000, now, 'de')).toMatch(/2027/);
    expect(relativeTime(now - 5 * 60_000, now, 'ar')).toMatch(/دقائق/);
  });

  it('gives the full time and today as YYYY-MM-DD', () => {
    expect(absoluteTime(now, 'de')).toMatch(/31\. Mai 2027/);
    expect(localToday(new Date(2027, 0, 5, 23, 30))).toBe('2027-01-05');
  });
});
