import {
  PARTICIPATION_KINDS,
  ROLE_PERMISSIONS,
  type ItemKind,
  type Role,
  type RolePermissions,
  type SessionSettings,
} from '@werkraum/model';

/** Who is looking at the board, and what the facilitator has opened right now. */
export interface Viewer {
  role: Role;
  /** This device's public author id (`deriveAuthorId`), '' if unknown. */
  authorId: string;
  session: SessionSettings;
  /** What the server said this link may do; defaults to `ROLE_PERMISSIONS[role]`. */
  permissions?: RolePermissions;
}

/** The parts of an item the rules look at. */
export interface OwnedItem {
  kind: ItemKind;
  createdById?: string;
  /** The field the item belongs to (`fieldOfItem`), for field locks; null or absent: none. */
  fieldId?: string | null;
}

/** How a new item of this viewer reaches the board: into the doc, through moderation, or not. */
export type AddRoute = 'direct' | 'moderated' | null;

/** How a control shows an item: editable, read-only (with a hint) or as plain text. */
export type ControlMode = 'edit' | 'readonly' | 'plain';

export function permissionsOf(viewer: Viewer): RolePermissions {
  return viewer.permissions ?? ROLE_PERMISSIONS[viewer.role];
}

/** The kinds participants may add and edit now (empty when no step is open). */
export function participationKinds(session: SessionSettings): readonly ItemKind[] {
  return session.openStep === null ? [] : (PARTICIPATION_KINDS[session.openStep] ?? []);
}

/**
 * Whether the facilitator's lock keeps this viewer from changing things in `fieldId` (or, with
 * null, outside any field). The facilitator is never locked out.
 */
export function isLocked(viewer: Viewer, fieldId: string | null = null): boolean {
  if (viewer.role === 'facilitator') return false;
  const lock = viewer.session.lock;
  if (!lock) return false;
  return lock.board || (fieldId !== null && lock.fields.includes(fieldId));
}

/**
 * How this viewer adds an item of `kind` in `fieldId` (the field it will belong to, null for
 * fields, needs, stakeholders). Mirrors the server's `authorizeChange`: locks stop everyone but
 * the facilitator; while collecting with moderation, participants' items go to the queue.
 */
export function addRoute(kind: ItemKind, viewer: Viewer, fieldId: string | null = null): AddRoute {
  const edit = permissionsOf(viewer).edit;
  if (edit === 'none') return null;
  if (isLocked(viewer, fieldId)) return null;
  if (edit === 'all') return 'direct';
  if (viewer.authorId === '' || !participationKinds(viewer.session).includes(kind)) return null;
  return viewer.session.collect ? 'moderated' : 'direct';
}

/** May this viewer add an item of `kind` to the board itself (not through moderation)? */
export function canAdd(kind: ItemKind, viewer: Viewer, fieldId: string | null = null): boolean {
  return addRoute(kind, viewer, fieldId) === 'direct';
}

/**
 * May this viewer change (or delete) `item`? Nobody but the facilitator inside a lock.
 * Participants: only kinds of the open step, and only their own items unless the facilitator
 * let them edit all.
 */
export function canEditItem(item: OwnedItem, viewer: Viewer): boolean {
  const edit = permissionsOf(viewer).edit;
  if (edit === 'none') return false;
  if (isLocked(viewer, item.fieldId ?? null)) return false;
  if (edit === 'all') return true;
  if (!participationKinds(viewer.session).includes(item.kind)) return false;
  if (viewer.session.participantsMayEditAll) return true;
  return viewer.authorId !== '' && item.createdById === viewer.authorId;
}

/**
 * May this viewer add or change translations of `item`? Like editing, except that participants
 * may translate other people's items too (the model's `onlyTranslationsChanged` rule).
 */
export function canTranslateItem(item: OwnedItem, viewer: Viewer): boolean {
  const edit = permissionsOf(viewer).edit;
  if (edit === 'none' || isLocked(viewer, item.fieldId ?? null)) return false;
  return edit === 'all' || participationKinds(viewer.session).includes(item.kind);
}

/** A delete removes the item and everything hanging on it: each of them must be editable. */
export function canDeleteItems(items: readonly OwnedItem[], viewer: Viewer): boolean {
  if (items.length === 0) return false;
  return items.every((item) => item.kind !== 'step' && canEditItem(item, viewer));
}

/** Title and municipality of the board (as on the server, a lock covers items, not these). */
export function canEditBoardMeta(viewer: Viewer): boolean {
  return permissionsOf(viewer).edit === 'all';
}

/** How to show the controls of `item` for this viewer. */
export function controlMode(item: OwnedItem | null, viewer: Viewer): ControlMode {
  if (permissionsOf(viewer).edit === 'none') return 'plain';
  if (item === null) return canEditBoardMeta(viewer) ? 'edit' : 'readonly';
  return canEditItem(item, viewer) ? 'edit' : 'readonly';
}

/** The id of the one hidden hint that read-only controls point to (`aria-describedby`). */
export const READONLY_HINT_ID = 'werkraum-readonly-hint';
