import type { PlainBoard } from '@werkraum/model';
import { itemIndex } from './item-title.js';

/** Where an item is shown: its own card (or the card it belongs to) and the step view, if any. */
export interface ItemTarget {
  /** The id of the element to reveal (`[data-id]`). */
  id: string;
  /** The step view that shows it (reports: 9 or 10); null: the board overview. */
  step: number | null;
}

/**
 * Where to go for an item: comments show on the item they are about, links on their source,
 * reports and their entries in the step view of quarterly meetings (9) or reviews (10).
 */
export function targetOf(board: PlainBoard, id: string): ItemTarget | null {
  const items = itemIndex(board);
  let current = items.get(id);
  const seen = new Set<string>();
  while (current && !seen.has(current.id)) {
    seen.add(current.id);
    switch (current.kind) {
      case 'comment':
        current = current.parentId ? items.get(current.parentId) : undefined;
        continue;
      case 'link':
        current = items.get(current.from);
        continue;
      case 'report':
        return { id: current.id, step: current.type === 'review' ? 10 : 9 };
      case 'statusEntry':
        return { id: current.id, step: 9 };
      case 'goalReview':
        return { id: current.id, step: 10 };
      default:
        return { id: current.id, step: null };
    }
  }
  return null;
}

/**
 * Scrolls to the first element showing `id` and moves the focus there (the element becomes
 * focusable if it is not). Returns whether it was found.
 */
export function revealItem(doc: Document, id: string): boolean {
  const selector = `[data-id="${CSS.escape(id)}"]`;
  const element = [...doc.querySelectorAll<HTMLElement>(selector)].find(
    (el) => el.getClientRects().length > 0,
  );
  if (!element) return false;
  element.scrollIntoView({ block: 'center' });
  if (!element.hasAttribute('tabindex')) element.setAttribute('tabindex', '-1');
  element.focus({ preventScroll: true });
  element.dataset.revealed = 'true';
  setTimeout(() => {
    if (element.dataset.revealed === 'true') delete element.dataset.revealed;
  }, 3_000);
  return true;
}
