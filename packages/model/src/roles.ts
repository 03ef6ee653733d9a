import { toBase64UrlEncoded } from 'lib0/buffer';
import { digest } from 'lib0/hash/sha256';
import * as Y from 'yjs';
import { z } from 'zod';
import { SESSION_META_KEYS, fieldOfItem, plainValue, readSession } from './board.js';
import { itemSchema, type ItemKind } from './schemas.js';

/** Who holds a link: each role has its own secret link per board. */
export const ROLES = ['facilitator', 'steering', 'participant', 'viewer'] as const;
export const roleSchema = z.enum(ROLES);
export type Role = z.infer<typeof roleSchema>;

export interface RolePermissions {
  /** 'all': every item and the board meta; 'participation': see `authorizeChange`; 'none'. */
  edit: 'all' | 'participation' | 'none';
  /** Live-session controls: open a step for participation, let participants edit all items. */
  runSession: boolean;
  /** Show, rotate and share the board's links; delete the board. */
  manageBoard: boolean;
  /** Download all of the board's data (portability). */
  exportBoard: boolean;
}

export const ROLE_PERMISSIONS: { readonly [R in Role]: RolePermissions } = {
  facilitator: { edit: 'all', runSession: true, manageBoard: true, exportBoard: true },
  steering: { edit: 'all', runSession: false, manageBoard: false, exportBoard: true },
  participant: { edit: 'participation', runSession: false, manageBoard: false, exportBoard: false },
  viewer: { edit: 'none', runSession: false, manageBoard: false, exportBoard: false },
};

/**
 * What participants may add and edit while the facilitator has a step open for participation.
 * Steps of talks with the leadership (1, 7) and the press release (8) are not workshops. In every
 * workshop people may comment; reports themselves are written by the steering group, participants
 * fill in their entries (status in step 9, judgements on goals in step 10).
 */
export const PARTICIPATION_KINDS: { readonly [step: number]: readonly ItemKind[] } = {
  1: [],
  2: ['field', 'stakeholder', 'comment'],
  3: ['need', 'comment'],
  4: ['field', 'need', 'comment'],
  5: ['field', 'istStand', 'goal', 'milestone', 'measure', 'link', 'comment'],
  6: ['goal', 'milestone', 'measure', 'link', 'comment'],
  7: [],
  8: [],
  9: ['measure', 'milestone', 'statusEntry', 'comment'],
  10: ['goal', 'milestone', 'measure', 'link', 'goalReview', 'comment'],
};

/**
 * The public author id of a device's secret author key: the first 128 bits of its SHA-256, in
 * base64url. Items carry the id; only the holder of the secret can act as that author.
 */
export function deriveAuthorId(secret: string): string {
  const hash = digest(new TextEncoder().encode(secret)).subarray(0, 16);
  return toBase64UrlEncoded(hash);
}

/** What one transaction changed, in the board's terms. */
export interface ChangeSummary {
  /** Meta keys written. */
  meta: Set<string>;
  /** Ids of items created, changed or deleted. */
  items: Set<string>;
  /** Root types other than `meta` and `items` were written. */
  foreign: boolean;
}

/**
 * Maps the Yjs types a transaction changed to the board items they belong to. Call it from
 * the doc's `afterTransaction` handler.
 */
export function summarizeTransaction(doc: Y.Doc, transaction: Y.Transaction): ChangeSummary {
  const meta = doc.getMap('meta') as Y.AbstractType<unknown>;
  const items = doc.getMap('items') as Y.AbstractType<unknown>;
  // A root type that was first filled by an update before anyone called `getMap` is replaced by
  // a typed instance on that call; the transaction may still hold the old placeholder, which
  // shares its `_map` with the new instance.
  const is = (type: Y.AbstractType<unknown>, root: Y.AbstractType<unknown>) =>
    type === root || (type._item === null && type._map === root._map);
  const summary: ChangeSummary = { meta: new Set(), items: new Set(), foreign: false };
  for (const [changed, keys] of transaction.changed) {
    const type = changed as Y.AbstractType<unknown>;
    if (is(type, items)) {
      for (const key of keys) if (key !== null) summary.items.add(key);
      continue;
    }
    if (is(type, meta)) {
      for (const key of keys) if (key !== null) summary.meta.add(key);
      continue;
    }
    // Walk up to the child of `items` or `meta` that holds the changed type.
    let current: Y.AbstractType<unknown> = type;
    let found = false;
    while (current._item) {
      const parent = current._item.parent;
      const key = current._item.parentSub;
      if (parent instanceof Y.AbstractType && is(parent, items) && key !== null) {
        summary.items.add(key);
        found = true;
        break;
      }
      if (parent instanceof Y.AbstractType && is(parent, meta) && key !== null) {
        summary.meta.add(key);
        found = true;
        break;
      }
      if (!(parent instanceof Y.AbstractType)) break;
      current = parent as Y.AbstractType<unknown>;
    }
    if (!found) summary.foreign = true;
  }
  return summary;
}

/** Whether an update carries neither new structs nor deletions (e.g. an empty sync step 2). */
export function isEmptyUpdate(update: Uint8Array): boolean {
  const { structs, ds } = Y.decodeUpdate(update);
  return structs.length === 0 && ds.clients.size === 0;
}

function rawItem(doc: Y.Doc, id: string): Record<string, unknown> | undefined {
  const map = doc.getMap('items').get(id);
  if (!(map instanceof Y.Map)) return undefined;
  const out: Record<string, unknown> = { id };
  for (const [key, value] of map.entries()) out[key] = plainValue(key, value);
  return out;
}

/** Whether two versions of an item differ only in their translations (and `updatedAt`). */
function onlyTranslationsChanged(a: Record<string, unknown>, b: Record<string, unknown>): boolean {
  const strip = (item: Record<string, unknown>) =>
    JSON.stringify(
      Object.entries(item)
        .filter(([key]) => key !== 'translations' && key !== 'updatedAt')
        .sort(([x], [y]) => (x < y ? -1 : x > y ? 1 : 0)),
    );
  return strip(a) === strip(b);
}

export type ChangeVerdict = { ok: true } | { ok: false; reason: string; itemId?: string };

export interface AuthorizeChangeInput {
  role: Role;
  /** The connection's author id (`deriveAuthorId` of its secret), '' if none. */
  authorId: string;
  /** The board as it was before the change. */
  before: Y.Doc;
  /** The board with the change applied (a scratch copy). */
  after: Y.Doc;
  change: ChangeSummary;
}

function refuse(reason: string, itemId?: string): ChangeVerdict {
  return itemId === undefined ? { ok: false, reason } : { ok: false, reason, itemId };
}

/**
 * Decides whether `role` may make `change`. The rules:
 * - facilitator: everything;
 * - steering group: everything but the session controls (`openStep`, `editAll`);
 * - participant: only while a step is open for participation, only the kinds of that step
 *   (`PARTICIPATION_KINDS`), never the board meta; new items must carry the participant's own
 *   author id; other people's items may be changed or deleted only if the facilitator allowed it
 *   — translations of them may always be added;
 * - viewer: nothing.
 * While the facilitator has locked the board or a field, the steering group and participants
 * change nothing there; while collecting with moderation, participants add items only through
 * the server's moderation queue.
 * Items written by steering group or participants must be valid; nothing may be written outside
 * the board's `meta` and `items`.
 */
export function authorizeChange({
  role,
  authorId,
  before,
  after,
  change,
}: AuthorizeChangeInput): ChangeVerdict {
  if (role === 'facilitator') return { ok: true };
  const touchesSomething = change.foreign || change.meta.size > 0 || change.items.size > 0;
  if (role === 'viewer') return touchesSomething ? refuse('read-only link') : { ok: true };
  if (change.foreign) return refuse('writes outside the board');

  if (role === 'steering') {
    for (const key of change.meta) {
      if ((SESSION_META_KEYS as readonly string[]).includes(key)) {
        return refuse('session controls are for the facilitator');
      }
    }
  } else if (change.meta.size > 0) {
    return refuse('participants cannot change the board settings');
  }

  const session = readSession(before);
  if (session.lock.board && change.items.size > 0) return refuse('the board is locked');
  const lockedFields = new Set(session.lock.fields);
  const allowedKinds =
    role === 'participant' && session.openStep !== null
      ? (PARTICIPATION_KINDS[session.openStep] ?? [])
      : [];
  if (role === 'participant' && change.items.size > 0 && allowedKinds.length === 0) {
    return refuse('no step is open for participation');
  }

  for (const id of change.items) {
    const previous = rawItem(before, id);
    const next = rawItem(after, id);
    if (next !== undefined && !itemSchema.safeParse(next).success) {
      return refuse('invalid item', id);
    }
    if (lockedFields.size > 0) {
      const field = previous !== undefined ? fieldOfItem(before, id) : fieldOfItem(after, id);
      if (field !== null && lockedFields.has(field)) return refuse('the field is locked', id);
    }
    if (role !== 'participant') continue;
    const kind = (next?.kind ?? previous?.kind) as ItemKind | undefined;
    if (kind === undefined || !allowedKinds.includes(kind)) {
      return refuse(`participants cannot change items of kind ${String(kind)} in this step`, id);
    }
    if (previous !== undefined && next !== undefined && previous.kind !== next.kind) {
      return refuse('the kind of an item cannot change', id);
    }
    if (previous === undefined) {
      if (session.collect) {
        return refuse('new items go to the moderation queue while collecting', id);
      }
      if (next?.createdById !== authorId || authorId === '') {
        return refuse('new items must carry the author’s own id', id);
      }
      continue;
    }
    const own = authorId !== '' && previous.createdById === authorId;
    // Bilingual participants may add translations to anyone's items of the step's kinds.
    const translating = next !== undefined && onlyTranslationsChanged(previous, next);
    if (!own && !translating && !session.participantsMayEditAll) {
      return refuse('other people’s items cannot be changed', id);
    }
    if (next !== undefined && next.createdById !== previous.createdById) {
      return refuse('the author of an item cannot change', id);
    }
  }
  return { ok: true };
}
