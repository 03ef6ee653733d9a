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
}

/** How a control shows an item: editable, read-only (with a hint) or as plain text. */
export type ControlMode = 'edit' | 'readonly' | 'plain';

export function permissionsOf(viewer: Viewer): RolePermissions {
  return viewer.permissions ?? ROLE_PERMISSIONS[viewer.role];
}

/** The kinds participants may add and edit now (empty when no step is open). */
export function participationKinds(session: SessionSettings): readonly ItemKind[] {
  return session.openStep === null ? [] : (PARTICIPATION_KINDS[session.openStep] ?? []);
}

/** May this viewer add an item of `kind`? (Mirrors the server's `authorizeChange`.) */
export function canAdd(kind: ItemKind, viewer: Viewer): boolean {
  const edit = permissionsOf(viewer).edit;
  if (edit === 'all') return true;
  if (edit === 'none') return false;
  return viewer.authorId !== '' && participationKinds(viewer.session).includes(kind);
}

/**
 * May this viewer change (or delete) `item`? Participants: only kinds of the open step, and only
 * their own items unless the facilitator let them edit all.
 */
export function canEditItem(item: OwnedItem, viewer: Viewer): boolean {
  const edit = permissionsOf(viewer).edit;
  if (edit === 'all') return true;
  if (edit === 'none') return false;
  if (!participationKinds(viewer.session).includes(item.kind)) return false;
  if (viewer.session.participantsMayEditAll) return true;
  return viewer.authorId !== '' && item.createdById === viewer.authorId;
}

/** A delete removes the item and everything hanging on it: each of them must be editable. */
export function canDeleteItems(items: readonly OwnedItem[], viewer: Viewer): boolean {
  if (items.length === 0) return false;
  return items.every((item) => item.kind !== 'step' && canEditItem(item, viewer));
}

/** Title and municipality of the board. */
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
