import { z } from 'zod';
import { itemIdSchema } from './ids.js';
import {
  ITEM_TEXT_FIELDS,
  isoDateSchema,
  itemKindSchema,
  measureStatusSchema,
  plainBoardItems,
  type Goal,
  type Item,
  type Measure,
  type Milestone,
  type PlainBoard,
} from './schemas.js';

/** What someone looks for on a board; every part is optional and all given parts must hold. */
export const boardQuerySchema = z.object({
  /** Words to find in any text of an item or its translations. */
  text: z.string().max(200).optional(),
  fieldId: itemIdSchema.optional(),
  /** Part of the owner of a measure or goal. */
  owner: z.string().max(200).optional(),
  status: measureStatusSchema.optional(),
  overdue: z.boolean().optional(),
  decided: z.boolean().optional(),
  kinds: z.array(itemKindSchema).max(20).optional(),
});
export type BoardQuery = z.infer<typeof boardQuerySchema>;

export interface SearchHit {
  item: Item;
  /** The field of action the item belongs to, or null (steps, stakeholders, reports, …). */
  fieldId: string | null;
  /** The text around the match, or the item's first text when no words were asked for. */
  snippet: string;
}

/**
 * Whether a dated item is late on `today` (YYYY-MM-DD): its due date has passed and it is not
 * finished. A measure is finished when done or dropped, a milestone when done. A goal has no
 * finished state of its own (it is judged in the review), so a goal past its date counts as
 * overdue until its date is moved.
 */
export function isOverdue(item: Measure | Milestone | Goal, today: string): boolean {
  const day = isoDateSchema.parse(today);
  if (item.due === null || item.due >= day) return false;
  switch (item.kind) {
    case 'measure':
      return item.status !== 'done' && item.status !== 'dropped';
    case 'milestone':
      return !item.done;
    case 'goal':
      return true;
  }
}

/** Case-insensitive comparison form. NFC first, so that a typed "ä" finds a pasted "a\u0308". */
function fold(text: string): string {
  return text.normalize('NFC').toLowerCase().normalize('NFC');
}

const SNIPPET_BEFORE = 30;
const SNIPPET_LENGTH = 100;

function snippetAt(text: string, start: number, length: number): string {
  const from = Math.max(0, start - SNIPPET_BEFORE);
  const to = Math.min(text.length, Math.max(start + length, from + SNIPPET_LENGTH));
  return `${from > 0 ? '…' : ''}${text.slice(from, to).trim()}${to < text.length ? '…' : ''}`;
}

/** An item's texts in the order a reader sees them: own fields, then translations. */
function textsOf(item: Item): string[] {
  const own = (ITEM_TEXT_FIELDS[item.kind] as readonly string[]).map((key) =>
    String((item as Record<string, unknown>)[key] ?? ''),
  );
  if (item.kind === 'goal') own.push(item.owner);
  const translated = Object.values(item.translations).flatMap((fields) => Object.values(fields));
  return [...own, ...translated].filter((t) => t !== '');
}

/** The field of each item of a plain board (through parents; links, entries and reviews through
 * the item they are about). */
function fieldIndex(board: PlainBoard): (item: Item) => string | null {
  const byId = new Map(plainBoardItems(board).map((i) => [i.id, i]));
  const fieldOf = (item: Item | undefined, depth: number): string | null => {
    if (!item || depth > 8) return null;
    if (item.kind === 'field') return item.id;
    const next =
      item.kind === 'link'
        ? item.from
        : item.kind === 'statusEntry'
          ? item.measureId
          : item.kind === 'goalReview'
            ? item.goalId
            : item.parentId;
    return next === null ? null : fieldOf(byId.get(next), depth + 1);
  };
  return (item) => fieldOf(item, 0);
}

/**
 * Finds the items of a board that match every part of `query`, in board order. Links carry no
 * text of their own and are never hits. `today` decides what is overdue.
 */
export function searchBoard(board: PlainBoard, query: BoardQuery, today: string): SearchHit[] {
  const q = boardQuerySchema.parse(query);
  const day = isoDateSchema.parse(today);
  const words = q.text === undefined ? '' : fold(q.text.trim());
  const owner = q.owner === undefined ? '' : fold(q.owner.trim());
  const kinds = q.kinds === undefined ? null : new Set(q.kinds);
  const fieldOf = fieldIndex(board);
  const hits: SearchHit[] = [];
  for (const item of plainBoardItems(board)) {
    if (item.kind === 'link') continue;
    if (kinds !== null && !kinds.has(item.kind)) continue;
    const fieldId = fieldOf(item);
    if (q.fieldId !== undefined && fieldId !== q.fieldId) continue;
    if (owner !== '') {
      if (item.kind !== 'measure' && item.kind !== 'goal') continue;
      if (!fold(item.owner).includes(owner)) continue;
    }
    if (q.status !== undefined && (item.kind !== 'measure' || item.status !== q.status)) continue;
    if (q.decided !== undefined) {
      if (item.kind !== 'measure' && item.kind !== 'goal' && item.kind !== 'field') continue;
      if (item.decided !== q.decided) continue;
    }
    if (q.overdue !== undefined) {
      const dated = item.kind === 'measure' || item.kind === 'milestone' || item.kind === 'goal';
      if ((dated && isOverdue(item, day)) !== q.overdue) continue;
    }
    const texts = textsOf(item);
    let snippet = texts[0] ?? '';
    if (words !== '') {
      let found: string | null = null;
      for (const text of texts) {
        const at = fold(text).indexOf(words);
        // Folding can change lengths (rare letters such as "İ"); the snippet is then approximate.
        if (at !== -1) {
          found = snippetAt(text, at, words.length);
          break;
        }
      }
      if (found === null) continue;
      snippet = found;
    } else if (snippet.length > SNIPPET_LENGTH) {
      snippet = `${snippet.slice(0, SNIPPET_LENGTH).trim()}…`;
    }
    hits.push({ item, fieldId, snippet });
  }
  return hits;
}
