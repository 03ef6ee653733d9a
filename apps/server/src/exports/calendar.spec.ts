import ICAL from 'ical.js';
import { describe, expect, it } from 'vitest';
import { musterlandBoard } from '../testing/export-fixtures.js';
import { calendarUid, renderCalendar } from './calendar.js';

const options = {
  boardTitle: 'Integrationsstrategie für Geflüchtete 2027–2030',
  municipality: 'Landkreis Musterland',
  boardUrl: 'https://werkraum.example/b/AAAAAAAAAAAAAAAAAAAAAA',
  boardId: 'AAAAAAAAAAAAAAAAAAAAAA',
  now: new Date(Date.UTC(2027, 5, 1, 8)),
};

function parse(text: string) {
  const calendar = new ICAL.Component(ICAL.parse(text));
  const events = calendar.getAllSubcomponents('vevent').map((vevent) => new ICAL.Event(vevent));
  return { calendar, events };
}

describe('renderCalendar', () => {
  it('parses as iCalendar and holds every dated item as an all-day event', () => {
    const { board } = musterlandBoard();
    const plain = board();
    const text = renderCalendar(plain, options);
    expect(text.startsWith('BEGIN:VCALENDAR')).toBe(true);
    expect(text).toMatch(/\r\n/);
    const { calendar, events } = parse(text);
    expect(calendar.getFirstPropertyValue('x-wr-calname')).toBe(
      'Landkreis Musterland – Integrationsstrategie für Geflüchtete 2027–2030',
    );
    const byUid = new Map(events.map((event) => [event.uid, event]));

    const dated = [
      ...plain.steps.filter((s) => s.date).map((s) => ({ item: s, date: s.date! })),
      ...plain.goals.filter((g) => g.due).map((g) => ({ item: g, date: g.due! })),
      ...plain.milestones.filter((m) => m.due).map((m) => ({ item: m, date: m.due! })),
      ...plain.measures.filter((m) => m.due).map((m) => ({ item: m, date: m.due! })),
    ];
    expect(dated.length).toBeGreaterThan(20);
    expect(events).toHaveLength(dated.length);
    for (const { item, date } of dated) {
      const event = byUid.get(calendarUid(item.id, options.boardId));
      expect(event, `${item.kind} ${item.id}`).toBeDefined();
      expect(event!.startDate.isDate).toBe(true);
      expect(event!.startDate.toString()).toBe(date);
      // DTEND is exclusive: the next day.
      const end = new Date(`${date}T00:00:00Z`);
      end.setUTCDate(end.getUTCDate() + 1);
      expect(event!.endDate.toString()).toBe(end.toISOString().slice(0, 10));
    }
  });

  it('describes steps, milestones, measures and goals in German with owner and status', () => {
    const { board } = musterlandBoard();
    const plain = board();
    const { events } = parse(renderCalendar(plain, options));
    const step1 = events.find((e) => e.uid === `${options.boardId}.step-1@werkraum`)!;
    expect(step1.summary).toBe('Schritt 1: Gespräch mit kommunaler Spitze');
    expect(step1.description).toContain('Status: erledigt');
    expect(step1.description).toContain('Landrätin unterstützt den Prozess');

    const measure = plain.measures.find((m) => m.title.startsWith('Lotsenstelle'))!;
    const event = events.find((e) => e.uid === `${measure.id}@werkraum`)!;
    expect(event.summary).toBe('Maßnahme: Lotsenstelle für Anerkennungsverfahren im Jobcenter');
    expect(event.description).toContain('Verantwortlich: Jobcenter Musterland');
    expect(event.description).toContain('Status: geplant');
    expect(event.description).toContain('Fällig: 30.11.2027');
    expect(event.description).toContain('Handlungsfeld: Arbeit und Ausbildung');

    const milestone = plain.milestones.find((m) => m.title.startsWith('Zwei zusätzliche'))!;
    const mEvent = events.find((e) => e.uid === `${milestone.id}@werkraum`)!;
    expect(mEvent.summary).toBe(`Meilenstein: ${milestone.title}`);
    expect(mEvent.description).toContain('Ziel: Bis Ende 2028');

    const goal = plain.goals.find((g) => g.title.startsWith('Bis Ende 2028'))!;
    const gEvent = events.find((e) => e.uid === `${goal.id}@werkraum`)!;
    expect(gEvent.summary).toBe(`Ziel: ${goal.title}`);
    expect(gEvent.description).toContain('Verantwortlich: Steuergruppe Sprache und Bildung');
  });

  it('keeps UIDs stable across renders and changes, so clients update instead of duplicating', () => {
    const { board, model } = musterlandBoard();
    const before = parse(renderCalendar(board(), options)).events;
    const measure = board().measures[0]!;
    model.update(measure.id, { due: '2029-01-15' });
    model.setText(measure.id, 'title', 'Umbenannte Maßnahme');
    const after = parse(
      renderCalendar(board(), { ...options, now: new Date(Date.UTC(2027, 6, 1)) }),
    ).events;
    expect(after.map((e) => e.uid).sort()).toEqual(before.map((e) => e.uid).sort());
    const moved = after.find((e) => e.uid === `${measure.id}@werkraum`)!;
    expect(moved.startDate.toString()).toBe('2029-01-15');
    expect(moved.summary).toBe('Maßnahme: Umbenannte Maßnahme');
    // Without a board id, step UIDs are the plain item ids.
    const plainUids = parse(renderCalendar(board(), { ...options, boardId: undefined })).events;
    expect(plainUids.some((e) => e.uid === 'step-1@werkraum')).toBe(true);
  });

  it('leaves out undated items and escapes text so that it cannot break the format', () => {
    const { board, model } = musterlandBoard();
    const plain = board();
    const undated = model.create('measure', {
      parentId: plain.fields[0]!.id,
      content: { title: 'Ohne Datum' },
    });
    const tricky = model.create('measure', {
      parentId: plain.fields[0]!.id,
      content: {
        title: 'Zeile 1\r\nEND:VCALENDAR\nBEGIN:VEVENT; a, b',
        owner: 'Müller; Öztürk',
        due: '2027-07-07',
      },
    });
    const { events } = parse(renderCalendar(board(), options));
    expect(events.some((e) => e.uid === `${undated}@werkraum`)).toBe(false);
    const event = events.find((e) => e.uid === `${tricky}@werkraum`)!;
    expect(event.summary).toContain('END:VCALENDAR');
    expect(event.summary).toContain('BEGIN:VEVENT; a, b');
    expect(event.description).toContain('Verantwortlich: Müller; Öztürk');
    expect(events.length).toBeGreaterThan(20);
  });
});
