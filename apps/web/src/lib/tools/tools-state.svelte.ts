import { getContext, setContext, tick } from 'svelte';
import type { PlainBoard, VersionInfo } from '@werkraum/model';
import { getVersion, listVersions } from '$lib/api/process-api.js';
import type { BoardState } from '$lib/board/board-state.svelte.js';
import { commentCounts, type CommentCount } from './comments.js';
import { revealItem, targetOf } from './navigation.js';

/** Opens another view of the board (the route's shallow navigation to `?step=N` or back). */
export type ShowStep = (step: number | null) => Promise<void>;

/** The board-wide dialogs of the header's tools. */
export type BoardPanel = 'exports' | 'csvImport' | 'calendar';

const NO_COMMENTS: CommentCount = { total: 0, open: 0 };

/**
 * The item tools of one board page: which item's thread or comments dialog is open, comment
 * counts per item, and the way to an item (scroll, focus; another step view if needed).
 * Created by the board page, read by `ItemTools` on every card.
 */
export class ToolsState {
  readonly board: BoardState;
  readonly token: string;
  readonly #showStep: ShowStep;
  readonly #currentStep: () => number | null;

  #thread = $state<string | null>(null);
  #comments = $state<string | null>(null);
  /** The versions dialog: closed (false), its list (null) or one version (its id). */
  #history = $state<false | string | null>(false);
  #panel = $state<BoardPanel | null>(null);
  /** Versions never change: each one is fetched once per page. */
  // eslint-disable-next-line svelte/prefer-svelte-reactivity -- a cache, never rendered
  #versions = new Map<string, Promise<{ info: VersionInfo; board: PlainBoard }>>();
  /** The element that opened a dialog, to give the focus back when it closes. */
  #opener: HTMLElement | null = null;
  #counts = $derived(commentCounts(this.#boardComments()));

  constructor(options: {
    board: BoardState;
    token: string;
    showStep: ShowStep;
    currentStep: () => number | null;
  }) {
    this.board = options.board;
    this.token = options.token;
    this.#showStep = options.showStep;
    this.#currentStep = options.currentStep;
  }

  #boardComments() {
    return this.board.snapshot?.comments ?? [];
  }

  /** The item whose thread is shown, or null. */
  get thread(): string | null {
    return this.#thread;
  }

  /** The item whose comments are shown, or null. */
  get comments(): string | null {
    return this.#comments;
  }

  get history(): false | string | null {
    return this.#history;
  }

  /** Opens the versions dialog (on one version, if given). */
  openHistory(versionId: string | null = null): void {
    if (this.#thread === null && this.#comments === null) this.#remember();
    this.#thread = null;
    this.#comments = null;
    this.#history = versionId;
  }

  get panel(): BoardPanel | null {
    return this.#panel;
  }

  openPanel(panel: BoardPanel): void {
    this.#remember();
    this.#thread = null;
    this.#comments = null;
    this.#history = false;
    this.#panel = panel;
  }

  /** One version with the board as it was (fetched once). */
  version(versionId: string): Promise<{ info: VersionInfo; board: PlainBoard }> {
    let entry = this.#versions.get(versionId);
    if (!entry) {
      entry = getVersion(this.board.boardId, versionId, { token: this.token }).then(
        ({ version, board }) => ({ info: version, board }),
      );
      entry.catch(() => this.#versions.delete(versionId));
      this.#versions.set(versionId, entry);
    }
    return entry;
  }

  /** The Zielerklärung versions with their boards, for the decisions in a thread. */
  async decisionVersions(): Promise<{ info: VersionInfo; board: PlainBoard }[]> {
    const list = await listVersions(this.board.boardId, { token: this.token });
    const decisions = list.filter((v) => v.kind === 'zielerklaerung');
    return Promise.all(decisions.map((v) => this.version(v.id)));
  }

  commentCount(id: string): CommentCount {
    return this.#counts.get(id) ?? NO_COMMENTS;
  }

  #remember(): void {
    const active = typeof document === 'undefined' ? null : document.activeElement;
    this.#opener = active instanceof HTMLElement ? active : null;
  }

  openThread(id: string): void {
    this.#remember();
    this.#comments = null;
    this.#thread = id;
  }

  openComments(id: string): void {
    this.#remember();
    this.#thread = null;
    this.#comments = id;
  }

  /** Closes the dialogs; the focus goes back to what opened them (if it is still there). */
  close({ restoreFocus = true } = {}): void {
    this.#thread = null;
    this.#comments = null;
    this.#history = false;
    this.#panel = null;
    const opener = this.#opener;
    this.#opener = null;
    if (restoreFocus && opener?.isConnected) opener.focus();
  }

  /**
   * Shows an item: switches to the view that has it (the overview, or the step view of
   * reports), scrolls to it and moves the focus there. Returns whether it was found.
   */
  async goTo(id: string): Promise<boolean> {
    this.close({ restoreFocus: false });
    const snapshot = this.board.snapshot;
    const target = snapshot ? targetOf(snapshot, id) : null;
    if (!target) return false;
    const current = this.#currentStep();
    if (target.step !== null) {
      if (target.step !== current) await this.#showStep(target.step);
      return this.#revealSoon(target.id, 10);
    }
    if (await this.#revealSoon(target.id, 1)) return true;
    // Not in this step's view: the overview shows every field, goal, measure and need.
    if (current === null) return false;
    await this.#showStep(null);
    return this.#revealSoon(target.id, 10);
  }

  async #revealSoon(id: string, attempts: number): Promise<boolean> {
    await tick();
    if (typeof document === 'undefined') return false;
    for (let attempt = 0; attempt < attempts; attempt += 1) {
      if (attempt > 0) await new Promise((resolve) => setTimeout(resolve, 50));
      if (revealItem(document, id)) return true;
    }
    return false;
  }
}

const KEY = Symbol('werkraum-tools');

export function setToolsState(state: ToolsState): ToolsState {
  return setContext(KEY, state);
}

/** The page's tools, or undefined where there are none (e.g. a card outside the board page). */
export function getToolsState(): ToolsState | undefined {
  return getContext<ToolsState | undefined>(KEY);
}
