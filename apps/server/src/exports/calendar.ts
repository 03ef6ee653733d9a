import type { Item, PlainBoard } from '@werkraum/model';
import ical, { ICalCalendarMethod } from 'ical-generator';
import { MEASURE_STATUS_DE, STEP_STATUS_DE, germanDate, stepLabel } from './labels.js';

export interface CalendarOptions {
  boardTitle: string;
  municipality: string;
  /** Link to the board (without a token), set as URL of the calendar and its events. */
  boardUrl: string;
  /**
   * The board's id. Step ids (`step-1` … `step-10`) are the same on every board, so with this
   * their UIDs become `<boardId>.step-N@werkraum` and two subscribed boards never collide.
   */
  boardId?: string;
  /** DTSTAMP of every event; default: now. */
  now?: Date;
}

/** The UID of an item's event: stable, so calendar clients update the event instead of adding one. */
export function calendarUid(itemId: string, boardId?: string): string {
  return boardId && itemId.startsWith('step-')
    ? `${boardId}.${itemId}@werkraum`
    : `${itemId}@werkraum`;
}

/** `YYYY-MM-DD` → that day at 00:00 UTC (all-day events are written as plain dates). */
function day(iso: string): Date {
  return new Date(`${iso}T00:00:00Z`);
}

const nextDay = (date: Date): Date => new Date(date.getTime() + 86_400_000);

const lines = (...parts: (string | false | null | undefined)[]): string =>
  parts.filter((part): part is string => typeof part === 'string' && part !== '').join('\n');

/**
 * The board's dates as iCalendar (RFC 5545): all-day events for the dates of the process steps,
 * milestone, measure and goal due dates. Subscribed by Outlook, Thunderbird, Apple and Google
 * calendars; UIDs are `<itemId>@werkraum`.
 */
export function renderCalendar(board: PlainBoard, options: CalendarOptions): string {
  const now = options.now ?? new Date();
  const name = [options.municipality, options.boardTitle]
    .filter((s) => s.trim() !== '')
    .join(' – ');
  const cal = ical({
    name: name || 'Werkraum',
    prodId: { company: 'Werkraum', product: 'Board', language: 'DE' },
    method: ICalCalendarMethod.PUBLISH,
    url: options.boardUrl,
    // Clients that honour it re-fetch every hour.
    ttl: 3600,
  });
  cal.x('X-WR-CALDESC', `Termine und Fälligkeiten: ${name}`);

  const byId = new Map<string, Item>();
  for (const item of [...board.fields, ...board.goals]) byId.set(item.id, item);
  const titleOf = (id: string | null): string => {
    const item = id ? byId.get(id) : undefined;
    return item && 'title' in item ? item.title : '';
  };

  const add = (item: Item, date: string, summary: string, description: string): void => {
    const start = day(date);
    cal.createEvent({
      id: calendarUid(item.id, options.boardId),
      start,
      end: nextDay(start),
      allDay: true,
      stamp: now,
      lastModified: new Date(item.updatedAt),
      summary,
      description: description || null,
      url: options.boardUrl,
    });
  };

  for (const step of board.steps) {
    if (!step.date) continue;
    add(
      step,
      step.date,
      stepLabel(step.number),
      lines(`Status: ${STEP_STATUS_DE[step.status]}`, step.notes),
    );
  }
  for (const goal of board.goals) {
    if (!goal.due) continue;
    add(
      goal,
      goal.due,
      `Ziel: ${goal.title}`,
      lines(
        `Handlungsfeld: ${titleOf(goal.parentId)}`,
        goal.owner && `Verantwortlich: ${goal.owner}`,
        `Beschlossen: ${goal.decided ? 'ja' : 'nein'}`,
        `Fällig: ${germanDate(goal.due)}`,
      ),
    );
  }
  for (const milestone of board.milestones) {
    if (!milestone.due) continue;
    const goal = milestone.parentId ? byId.get(milestone.parentId) : undefined;
    add(
      milestone,
      milestone.due,
      `Meilenstein: ${milestone.title}`,
      lines(
        goal && `Ziel: ${titleOf(goal.id)}`,
        goal && `Handlungsfeld: ${titleOf(goal.parentId)}`,
        `Status: ${milestone.done ? 'erreicht' : 'offen'}`,
        `Fällig: ${germanDate(milestone.due)}`,
      ),
    );
  }
  for (const measure of board.measures) {
    if (!measure.due) continue;
    add(
      measure,
      measure.due,
      `Maßnahme: ${measure.title}`,
      lines(
        `Verantwortlich: ${measure.owner || '–'}`,
        `Status: ${MEASURE_STATUS_DE[measure.status]}`,
        `Beschlossen: ${measure.decided ? 'ja' : 'nein'}`,
        `Handlungsfeld: ${titleOf(measure.parentId)}`,
        `Fällig: ${germanDate(measure.due)}`,
        measure.description,
      ),
    );
  }
  return cal.toString();
}
