import * as Y from 'yjs';
import { z } from 'zod';
import { toPlainBoard } from './board.js';
import { itemIdSchema, newItemId } from './ids.js';
import type { Field, Goal, Measure, Milestone, PlainBoard } from './schemas.js';

/**
 * Why a version was recorded: the goal declaration decided in step 7, a quarterly report (step 9),
 * a review (step 10), the end of a live session, or by hand.
 */
export const VERSION_KINDS = [
  'zielerklaerung',
  'quarterly',
  'review',
  'session',
  'manual',
] as const;
export const versionKindSchema = z.enum(VERSION_KINDS);
export type VersionKind = z.infer<typeof versionKindSchema>;

/** A version id: 96 random bits in base64url (16 characters), like an item id. */
export const versionIdSchema = z
  .string()
  .regex(/^[A-Za-z0-9_-]{16}$/, 'A version id is 16 characters of A–Z, a–z, 0–9, "-" and "_".');

export function newVersionId(): string {
  return newItemId();
}

/** A named, frozen state of the board. The state itself is stored beside it and never changes. */
export const versionInfoSchema = z.object({
  id: versionIdSchema,
  kind: versionKindSchema,
  name: z.string().trim().min(1).max(200),
  createdAt: z.number().int().nonnegative(),
  createdBy: z.string().max(80),
  /** The report this version froze (kinds quarterly and review), else null. */
  reportId: itemIdSchema.nullable(),
});
export type VersionInfo = z.infer<typeof versionInfoSchema>;

/**
 * The board's full Yjs state. Restoring from it never needs the live history: the snapshot holds
 * every item as it was, so a version stays readable after the live board has moved on.
 */
export function snapshotBoard(doc: Y.Doc): Uint8Array {
  return Y.encodeStateAsUpdate(doc);
}

/** The plain board of a snapshot. Throws if the bytes do not hold a board. */
export function boardFromSnapshot(state: Uint8Array): PlainBoard {
  const bytes = z.instanceof(Uint8Array).parse(state);
  const doc = new Y.Doc();
  try {
    Y.applyUpdate(doc, bytes);
    return toPlainBoard(doc);
  } finally {
    doc.destroy();
  }
}

/** The goal declaration (Zielerklärung): what the leadership decided, per field of action. */
export interface Zielerklaerung {
  fields: {
    field: Field;
    /** Decided goals with their milestones and the decided measures serving them; a last
     * bucket with `goal: null` holds decided measures that serve no decided goal. */
    goals: { goal: Goal | null; milestones: Milestone[]; measures: Measure[] }[];
  }[];
}

/**
 * Only decided goals and decided measures, in board order. A measure serving several decided
 * goals is listed under each of them, because a reader looks up one goal at a time. Fields with
 * nothing decided are left out.
 */
export function zielerklaerungOf(board: PlainBoard): Zielerklaerung {
  const decidedGoals = new Map(board.goals.filter((g) => g.decided).map((g) => [g.id, g]));
  const decidedMeasures = board.measures.filter((m) => m.decided);
  const servedBy = new Map<string, Set<string>>(); // measure id → decided goal ids it serves
  for (const link of board.links) {
    if (link.type !== 'serves' || !decidedGoals.has(link.to)) continue;
    const goals = servedBy.get(link.from) ?? new Set<string>();
    goals.add(link.to);
    servedBy.set(link.from, goals);
  }
  const fields: Zielerklaerung['fields'] = [];
  for (const field of board.fields) {
    const goals: Zielerklaerung['fields'][number]['goals'] = [];
    for (const goal of board.goals) {
      if (goal.parentId !== field.id || !goal.decided) continue;
      goals.push({
        goal,
        milestones: board.milestones.filter((m) => m.parentId === goal.id),
        measures: decidedMeasures.filter((m) => servedBy.get(m.id)?.has(goal.id) === true),
      });
    }
    const loose = decidedMeasures.filter((m) => m.parentId === field.id && !servedBy.has(m.id));
    if (loose.length > 0) goals.push({ goal: null, milestones: [], measures: loose });
    if (goals.length > 0) fields.push({ field, goals });
  }
  return { fields };
}
