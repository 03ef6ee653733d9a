import type { BoardModel, ItemContent, ItemKind } from '@werkraum/model';
import { moveTarget } from './board-view.js';

/** How many items of each kind a deletion takes with it. */
export type DeletionSummary = { kind: Exclude<ItemKind, 'step'>; count: number }[];

const SUMMARY_ORDER: Exclude<ItemKind, 'step'>[] = [
  'field',
  'istStand',
  'goal',
  'milestone',
  'measure',
  'need',
  'stakeholder',
  'link',
  'comment',
  'report',
  'statusEntry',
  'goalReview',
];

/**
 * The board's domain actions. Components call these instead of the model, so that composite
 * actions stay one undo step and every failure is reported in one place (`report`).
 */
export class BoardActions {
  readonly #model: BoardModel;
  readonly #report: (error: unknown) => void;

  constructor(model: BoardModel, report: (error: unknown) => void) {
    this.#model = model;
    this.#report = report;
  }

  #run<T>(action: () => T): T | undefined {
    try {
      return action();
    } catch (error) {
      this.#report(error);
      return undefined;
    }
  }

  /** Sets (or, with an empty text, removes) the translation of an item's text field. */
  setTranslation(id: string, field: string, lang: string, text: string): void {
    this.#run(() => this.#model.setTranslation(id, field as never, lang, text));
  }

  addField(title: string): string | undefined {
    return this.#run(() => this.#model.create('field', { content: { title } }));
  }

  addIstStand(fieldId: string, text: string): string | undefined {
    return this.#run(() =>
      this.#model.create('istStand', { parentId: fieldId, content: { text } }),
    );
  }

  addGoal(fieldId: string, title: string): string | undefined {
    return this.#run(() => this.#model.create('goal', { parentId: fieldId, content: { title } }));
  }

  addMilestone(goalId: string, title: string): string | undefined {
    return this.#run(() =>
      this.#model.create('milestone', { parentId: goalId, content: { title } }),
    );
  }

  /**
   * Creates a measure in a field; with a goal, also links it (`serves`) — in one transaction, so
   * that one undo removes both.
   */
  addMeasure(options: {
    fieldId: string;
    goalId?: string | null;
    title: string;
  }): string | undefined {
    return this.#run(() => {
      let id = '';
      this.#model.doc.transact(() => {
        id = this.#model.create('measure', {
          parentId: options.fieldId,
          content: { title: options.title },
        });
        if (options.goalId) this.#model.link('serves', id, options.goalId);
      });
      return id;
    });
  }

  /** Lets a measure serve a goal (a `serves` link). */
  linkMeasure(measureId: string, goalId: string): void {
    this.#run(() => this.#model.link('serves', measureId, goalId));
  }

  unlinkMeasure(measureId: string, goalId: string): void {
    this.#run(() => this.#model.unlink('serves', measureId, goalId));
  }

  addStakeholder(name: string): string | undefined {
    return this.#run(() => this.#model.create('stakeholder', { content: { name } }));
  }

  addNeed(text: string, lang = 'de'): string | undefined {
    return this.#run(() => this.#model.create('need', { content: { text, lang } }));
  }

  /** Assigns a need to a field (or to none). */
  setNeedField(needId: string, fieldId: string | null): void {
    this.#run(() => this.#model.move(needId, { parentId: fieldId }));
  }

  update<K extends ItemKind>(id: string, patch: Partial<ItemContent<K>>): void {
    this.#run(() => this.#model.update<K>(id, patch));
  }

  /** Moves an item one place up or down among its siblings of the same kind. */
  moveSibling(id: string, direction: 'up' | 'down'): boolean {
    const result = this.#run(() => {
      const item = this.#model.get(id);
      if (!item || item.kind === 'step' || item.kind === 'link') return false;
      const siblings = this.#model.list(item.kind, item.parentId).map((i) => i.id);
      const target = moveTarget(siblings, id, direction);
      if (!target) return false;
      this.#model.move(id, target);
      return true;
    });
    return result ?? false;
  }

  /** What deleting `id` takes with it, grouped by kind, for the confirmation dialog. */
  deletionSummary(id: string): DeletionSummary {
    const counts = new Map<ItemKind, number>();
    for (const dependent of this.#model.dependents(id)) {
      const kind = this.#model.get(dependent)?.kind;
      if (kind) counts.set(kind, (counts.get(kind) ?? 0) + 1);
    }
    return SUMMARY_ORDER.filter((kind) => counts.has(kind)).map((kind) => ({
      kind,
      count: counts.get(kind) ?? 0,
    }));
  }

  delete(id: string): void {
    this.#run(() => this.#model.delete(id));
  }
}
