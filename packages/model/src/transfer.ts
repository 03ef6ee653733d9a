import * as Y from 'yjs';
import { z } from 'zod';
import { toPlainBoard, writeBoardMeta } from './board.js';
import {
  ITEM_TEXT_FIELDS,
  plainBoardItems,
  plainBoardSchema,
  type Item,
  type PlainBoard,
} from './schemas.js';

/** A board's data as a file: what the portability right asks for, and what import reads. */
export const boardExportSchema = z.object({
  format: z.literal('werkraum.board'),
  version: z.literal(1),
  exportedAt: z.iso.datetime(),
  board: plainBoardSchema,
});
export type BoardExport = z.infer<typeof boardExportSchema>;

export function exportBoard(doc: Y.Doc, now: Date = new Date()): BoardExport {
  return {
    format: 'werkraum.board',
    version: 1,
    exportedAt: now.toISOString(),
    board: toPlainBoard(doc),
  };
}

/**
 * Checks what a plain board promises beyond its schema: unique ids, the ten steps with their
 * fixed ids, parents and link ends that exist. Returns the problems found (empty when fine).
 */
export function checkPlainBoard(board: PlainBoard): string[] {
  const problems: string[] = [];
  const all = plainBoardItems(board);
  const byId = new Map<string, Item>();
  for (const item of all) {
    if (byId.has(item.id)) problems.push(`duplicate id ${item.id}`);
    byId.set(item.id, item);
  }
  board.steps.forEach((step, index) => {
    if (step.number !== index + 1 || step.id !== `step-${step.number}`) {
      problems.push(`step ${index + 1} is missing or has the wrong id`);
    }
  });
  for (const item of all) {
    if (item.parentId !== null && !byId.has(item.parentId)) {
      problems.push(`${item.kind} ${item.id} has a missing parent`);
    }
    if (item.kind === 'link' && (!byId.has(item.from) || !byId.has(item.to))) {
      problems.push(`link ${item.id} points to a missing item`);
    }
  }
  return problems;
}

/**
 * Writes a plain board into an empty doc with the same ids, order, authors and timestamps, so
 * that `toPlainBoard` of the result equals the input. Throws on an inconsistent board.
 */
export function importBoardDoc(doc: Y.Doc, input: PlainBoard): void {
  const board = plainBoardSchema.parse(input);
  const problems = checkPlainBoard(board);
  if (problems.length > 0) throw new Error(`Invalid board: ${problems.slice(0, 5).join('; ')}`);
  doc.transact(() => {
    writeBoardMeta(doc, board.meta);
    doc.getMap('meta').set('pressRelease', new Y.Text(board.pressRelease));
    const items = doc.getMap<Y.Map<unknown>>('items');
    const all = plainBoardItems(board);
    for (const item of all) {
      const texts = ITEM_TEXT_FIELDS[item.kind] as readonly string[];
      const map = new Y.Map<unknown>();
      for (const [key, value] of Object.entries(item)) {
        if (key === 'id' || key === 'translations') continue;
        map.set(key, texts.includes(key) ? new Y.Text(value as string) : value);
      }
      const translations = new Y.Map<Y.Text>();
      for (const [lang, fields] of Object.entries(item.translations)) {
        for (const [field, text] of Object.entries(fields)) {
          translations.set(`${lang}/${field}`, new Y.Text(text));
        }
      }
      map.set('translations', translations);
      items.set(item.id, map);
    }
  });
}
