import type * as Y from 'yjs';

function isHighSurrogate(code: number): boolean {
  return code >= 0xd800 && code <= 0xdbff;
}

/**
 * Changes `ytext` so that it reads `next`, touching only the span that differs. Two people typing
 * in the same card therefore both keep their letters: each edit is a small insert/delete that
 * Yjs merges, not a replacement of the whole text. Never splits a surrogate pair.
 */
export function applyTextDiff(ytext: Y.Text, next: string): void {
  const current = ytext.toString();
  if (current === next) return;
  let start = 0;
  const maxStart = Math.min(current.length, next.length);
  while (start < maxStart && current.charCodeAt(start) === next.charCodeAt(start)) start++;
  if (start > 0 && isHighSurrogate(current.charCodeAt(start - 1))) start--;
  let endCurrent = current.length;
  let endNext = next.length;
  while (
    endCurrent > start &&
    endNext > start &&
    current.charCodeAt(endCurrent - 1) === next.charCodeAt(endNext - 1)
  ) {
    endCurrent--;
    endNext--;
  }
  if (endCurrent < current.length && isHighSurrogate(current.charCodeAt(endCurrent - 1))) {
    endCurrent++;
    endNext++;
  }
  const apply = () => {
    if (endCurrent > start) ytext.delete(start, endCurrent - start);
    if (endNext > start) ytext.insert(start, next.slice(start, endNext));
  };
  if (ytext.doc) ytext.doc.transact(apply);
  else apply();
}
