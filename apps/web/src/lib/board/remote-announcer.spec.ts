import { describe, expect, it } from 'vitest';
import { RemoteChangeAnnouncer, type AnnouncerClock } from './remote-announcer.js';

function fakeClock() {
  let now = 0;
  const timers: { at: number; run: () => void; id: number }[] = [];
  let next = 1;
  const clock: AnnouncerClock = {
    now: () => now,
    setTimeout: (run, ms) => {
      const id = next++;
      timers.push({ at: now + ms, run, id });
      return id;
    },
    clearTimeout: (id) => {
      const index = timers.findIndex((t) => t.id === id);
      if (index >= 0) timers.splice(index, 1);
    },
  };
  const advance = (ms: number) => {
    const until = now + ms;
    for (;;) {
      timers.sort((a, b) => a.at - b.at);
      const due = timers[0];
      if (!due || due.at > until) break;
      timers.shift();
      now = due.at;
      due.run();
    }
    now = until;
  };
  return { clock, advance };
}

describe('RemoteChangeAnnouncer', () => {
  it('announces a burst once, counting distinct items', () => {
    const { clock, advance } = fakeClock();
    const said: number[] = [];
    const announcer = new RemoteChangeAnnouncer((n) => said.push(n), { clock });
    announcer.note(['a']);
    announcer.note(['a', 'b']);
    advance(500);
    announcer.note(['c']);
    expect(said).toEqual([]);
    advance(600);
    expect(said).toEqual([3]);
  });

  it('says at most one thing every interval', () => {
    const { clock, advance } = fakeClock();
    const said: { at: number; n: number }[] = [];
    const announcer = new RemoteChangeAnnouncer((n) => said.push({ at: clock.now(), n }), {
      clock,
    });
    // A change every 100 ms for 12 s.
    for (let i = 0; i < 120; i++) {
      announcer.note([`item-${i % 7}`]);
      advance(100);
    }
    advance(10_000);
    for (let i = 1; i < said.length; i++) {
      expect(said[i]!.at - said[i - 1]!.at).toBeGreaterThanOrEqual(5_000);
    }
    expect(said.length).toBeGreaterThanOrEqual(2);
    expect(said.length).toBeLessThanOrEqual(4);
  });

  it('stays silent without changes and after destroy', () => {
    const { clock, advance } = fakeClock();
    const said: number[] = [];
    const announcer = new RemoteChangeAnnouncer((n) => said.push(n), { clock });
    announcer.note([]);
    advance(10_000);
    announcer.note(['x']);
    announcer.destroy();
    advance(10_000);
    expect(said).toEqual([]);
  });
});
