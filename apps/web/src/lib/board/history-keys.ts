export type HistoryCommand = 'undo' | 'redo';

export interface KeyLike {
  key: string;
  ctrlKey: boolean;
  metaKey: boolean;
  shiftKey: boolean;
  altKey: boolean;
}

/** Ctrl/Cmd+Z → undo; Ctrl/Cmd+Shift+Z and Ctrl+Y → redo; anything else → null. */
export function historyCommand(event: KeyLike): HistoryCommand | null {
  if (event.altKey || !(event.ctrlKey || event.metaKey)) return null;
  const key = event.key.toLowerCase();
  if (key === 'z') return event.shiftKey ? 'redo' : 'undo';
  if (key === 'y' && event.ctrlKey && !event.shiftKey) return 'redo';
  return null;
}

/** Marks inputs bound to the board (LiveText): in them Ctrl+Z undoes the user's board changes. */
export const LIVE_TEXT_ATTRIBUTE = 'data-live-text';

interface ElementLike {
  tagName: string;
  type?: string;
  isContentEditable?: boolean;
  hasAttribute(name: string): boolean;
}

const NON_TEXT_INPUTS = new Set([
  'checkbox',
  'radio',
  'button',
  'submit',
  'reset',
  'range',
  'color',
  'file',
  'date',
]);

/**
 * Whether the browser's own undo should handle Ctrl+Z: in local text inputs that are not part of
 * the shared board (a draft in an "add" box, the own name). In board-bound texts the shared undo
 * manager takes over, because the browser's undo history does not know about remote edits.
 */
export function prefersNativeUndo(target: ElementLike | null): boolean {
  if (!target) return false;
  if (target.hasAttribute(LIVE_TEXT_ATTRIBUTE)) return false;
  if (target.isContentEditable) return true;
  const tag = target.tagName.toLowerCase();
  if (tag === 'textarea') return true;
  if (tag === 'input') return !NON_TEXT_INPUTS.has((target.type ?? 'text').toLowerCase());
  return false;
}
