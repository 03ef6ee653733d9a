/** One operation of a Y.Text change delta (`event.delta`). */
export interface TextDeltaOp {
  insert?: string | object | unknown[];
  retain?: number;
  delete?: number;
}

/** Which side an index sticks to when text is inserted exactly at it. */
export type Assoc = 'before' | 'after';

function insertLength(insert: TextDeltaOp['insert']): number {
  if (typeof insert === 'string') return insert.length;
  if (Array.isArray(insert)) return insert.length;
  return insert === undefined ? 0 : 1;
}

/**
 * Maps an index in the old text to the new text after a change described by `delta`: text
 * inserted before the index pushes it right, text deleted before it pulls it left, and an index
 * inside a deleted span lands at the start of that span. With `assoc: 'before'` an insert exactly
 * at the index leaves it in place (a remote person typing where my caret is does not carry it).
 */
export function transformIndex(
  delta: readonly TextDeltaOp[],
  index: number,
  assoc: Assoc = 'before',
): number {
  let oldPos = 0;
  let shift = 0;
  for (const op of delta) {
    if (op.retain !== undefined) {
      oldPos += op.retain;
      if (oldPos > index) break;
    } else if (op.insert !== undefined) {
      if (oldPos < index || (oldPos === index && assoc === 'after'))
        shift += insertLength(op.insert);
      else break;
    } else if (op.delete !== undefined) {
      if (oldPos >= index) break;
      const end = oldPos + op.delete;
      shift -= Math.min(end, index) - oldPos;
      oldPos = end;
    }
  }
  return Math.max(0, index + shift);
}

/** A single replacement that turns one string into another. */
export interface TextSplice {
  index: number;
  remove: number;
  insert: string;
}

function isHighSurrogate(code: number): boolean {
  return code >= 0xd800 && code <= 0xdbff;
}

/**
 * The smallest single splice that turns `before` into `after` (common prefix and suffix kept),
 * never splitting a surrogate pair. Returns null when the strings are equal.
 */
export function diffStrings(before: string, after: string): TextSplice | null {
  if (before === after) return null;
  let start = 0;
  const max = Math.min(before.length, after.length);
  while (start < max && before.charCodeAt(start) === after.charCodeAt(start)) start++;
  if (start > 0 && isHighSurrogate(before.charCodeAt(start - 1))) start--;
  let endBefore = before.length;
  let endAfter = after.length;
  while (
    endBefore > start &&
    endAfter > start &&
    before.charCodeAt(endBefore - 1) === after.charCodeAt(endAfter - 1)
  ) {
    endBefore--;
    endAfter--;
  }
  if (endBefore < before.length && isHighSurrogate(before.charCodeAt(endBefore - 1))) {
    endBefore++;
    endAfter++;
  }
  return { index: start, remove: endBefore - start, insert: after.slice(start, endAfter) };
}
