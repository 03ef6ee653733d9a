import {
  BoardModel,
  DEFAULT_SESSION,
  deriveAuthorId,
  isBoardDoc,
  readPressRelease,
  ROLE_PERMISSIONS,
  summarizeTransaction,
  type ItemKind,
  type PlainBoard,
  type Role,
  type RolePermissions,
  type SessionSettings,
} from '@werkraum/model';
import { createContext } from 'svelte';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import type { DeletionSummary } from './board-actions.js';
import { BoardActions } from './board-actions.js';
import { buildFieldViews, type FieldView } from './board-view.js';
import {
  addRoute,
  canAdd,
  canDeleteItems,
  canTranslateItem,
  canEditBoardMeta,
  canEditItem,
  controlMode,
  isLocked,
  participationKinds,
  type AddRoute,
  type ControlMode,
  type OwnedItem,
  type Viewer,
} from '../access/permissions.js';
import {
  closeOutcome,
  deriveConnection,
  rateLimitDelay,
  type BoardEnd,
  type ProviderStatus,
} from './connection-state.js';
import {
  chooseAnonymous,
  chooseName,
  needsChoice,
  saveIdentity,
  validateName,
  type DeviceIdentity,
  type KeyValueStorage,
} from './identity.js';
import { refreshBoardTitle } from './recent-boards.js';
import { RemoteChangeAnnouncer } from './remote-announcer.js';
import type { BoardInfo } from '../api/boards-api.js';
import { backoffDelay } from '../session/backoff.js';
import { deletionSettled, LocalCopy } from './local-copy.js';

/** Reconnects of the board channel: full jitter below 0.5 s · 2^attempt, at most 20 s. */
export const RECONNECT_BASE_MS = 500;
export const RECONNECT_MAX_MS = 20_000;

/** Sync step 1 (`[messageSync, step1, varUint8Array(stateVector)]`) for `doc`. */
function syncStep1Frame(doc: Y.Doc): Uint8Array<ArrayBuffer> {
  const vector = Y.encodeStateVector(doc);
  const length: number[] = [];
  let n = vector.length;
  while (n > 0x7f) {
    length.push(0x80 | (n & 0x7f));
    n >>>= 7;
  }
  length.push(n);
  const frame = new Uint8Array(new ArrayBuffer(2 + length.length + vector.length));
  frame.set([0, 0, ...length]);
  frame.set(vector, 2 + length.length);
  return frame;
}

type SyncHandler = (
  encoder: unknown,
  decoder: { arr: Uint8Array; pos: number },
  provider: WebsocketProvider,
  emitSynced: boolean,
  messageType: number,
) => void;

/** Someone on the board right now (from awareness). */
export interface Peer {
  clientId: number;
  name: string;
  color: string;
  self: boolean;
}

export interface PendingDelete {
  id: string;
  label: string;
  summary: DeletionSummary;
}

export interface BoardStateOptions {
  boardId: string;
  /** Base URL of the y-websocket endpoint, e.g. `wss://example.org/yjs`. */
  websocketUrl: string;
  /** This device's identity (`loadIdentity`); participants who have not chosen yet are asked. */
  identity: DeviceIdentity;
  /** This device's link token for the board (sent as a URL parameter of the websocket). */
  token: string;
  role: Role;
  /** What the server said this link may do (defaults to the role's permissions). */
  permissions?: RolePermissions;
  /** This device's secret author key; the items carry `deriveAuthorId(authorSecret)`. */
  authorSecret: string;
  /** Where the identity and the list of recent boards are kept (localStorage in the browser). */
  storage?: KeyValueStorage;
  /** Tests pass a fake; the browser uses `window`. */
  environment?: Pick<Window, 'addEventListener' | 'removeEventListener'> & {
    navigator: Pick<Navigator, 'onLine'>;
  };
  /**
   * Keep this device's copy of the board in IndexedDB (`local-copy.ts`); default: where
   * IndexedDB exists. The board is shown from it before the server answers, also offline.
   */
  localCopy?: boolean;
  /** What the server said about the board, kept in the local copy to open it offline. */
  info?: BoardInfo;
}

function readPeer(clientId: number, state: Record<string, unknown>, self: number): Peer | null {
  const user = state.user;
  if (typeof user !== 'object' || user === null) return null;
  const { name, color } = user as Record<string, unknown>;
  if (typeof name !== 'string' || typeof color !== 'string') return null;
  return { clientId, name: name.slice(0, 80), color, self: clientId === self };
}

/**
 * Everything the board page shows, for one board and one browser tab: the Yjs document and its
 * provider, the typed model, one undo manager for this person's own changes, the connection,
 * who else is here, and a plain snapshot of the board refreshed after every change.
 * Create it in a component, share it through `setBoardState`, and call `destroy()` on unmount.
 */
export class BoardState {
  readonly boardId: string;
  readonly doc: Y.Doc;
  readonly model: BoardModel;
  readonly provider: WebsocketProvider;
  readonly undoManager: Y.UndoManager;
  readonly actions: BoardActions;

  #snapshot = $state.raw<PlainBoard | null>(null);
  #providerStatus = $state<ProviderStatus>('connecting');
  #synced = $state(false);
  #online = $state(true);
  #everConnected = $state(false);
  #closed = $state(false);
  #peers = $state.raw<Peer[]>([]);
  #me = $state.raw<DeviceIdentity>({ name: '', color: '', anonymous: true, chosen: false });
  #canUndo = $state(false);
  #canRedo = $state(false);
  #failure = $state<string | null>(null);
  #pendingDelete = $state.raw<PendingDelete | null>(null);
  #session = $state.raw<SessionSettings>(DEFAULT_SESSION);
  #sessionKey = JSON.stringify(DEFAULT_SESSION);
  #ended = $state<BoardEnd | null>(null);
  #retrying = $state(false);
  #remoteChanges = $state.raw<{ count: number; seq: number } | null>(null);
  #announcer = new RemoteChangeAnnouncer((count) => {
    this.#remoteChanges = { count, seq: (this.#remoteChanges?.seq ?? 0) + 1 };
  });

  #fieldViews = $derived<FieldView[]>(this.#snapshot ? buildFieldViews(this.#snapshot) : []);
  #connection = $derived(
    deriveConnection({
      provider: this.#providerStatus,
      online: this.#online,
      everConnected: this.#everConnected,
      synced: this.#synced,
      closed: this.#closed,
    }),
  );

  #storage: KeyValueStorage | undefined;
  #environment: BoardStateOptions['environment'];
  #cleanups: (() => void)[] = [];
  #frame: number | null = null;
  #scheduled = false;
  #remembered = '';
  #rateLimited = 0;
  #retryTimer: ReturnType<typeof setTimeout> | undefined;
  #reconnectTimer: ReturnType<typeof setTimeout> | undefined;
  #attempt = 0;
  #destroyed = false;
  #local: LocalCopy | null = null;
  /**
   * Items (and board-level keys) this device changed that the server has not confirmed yet —
   * kept in the local copy. Counted per item, not per keystroke: „changes to 1 item“.
   */
  // eslint-disable-next-line svelte/prefer-svelte-reactivity -- read through `#unsynced`
  #unsyncedKeys = new Set<string>();
  #unsynced = $state(0);
  /** Bumped when the server confirmed this device's offline changes („all changes saved“). */
  #savedSeq = $state(0);
  #localLoaded = $state(false);
  /** A sync step 1 was sent to confirm the offline changes; its answer is the confirmation. */
  #confirmSent = false;

  readonly role: Role;
  readonly permissions: RolePermissions;
  /** This device's public author id. */
  readonly authorId: string;

  #viewer = $derived.by<Viewer>(() => ({
    role: this.role,
    authorId: this.authorId,
    session: this.#session,
    permissions: this.permissions,
  }));

  constructor(options: BoardStateOptions) {
    this.boardId = options.boardId;
    this.#storage = options.storage;
    this.#environment = options.environment;
    this.#me = options.identity;
    this.role = options.role;
    this.permissions = options.permissions ?? ROLE_PERMISSIONS[options.role];
    this.authorId = deriveAuthorId(options.authorSecret);
    this.doc = new Y.Doc();
    this.model = new BoardModel(this.doc, {
      author: options.identity.name,
      authorId: this.authorId,
    });
    this.actions = new BoardActions(this.model, (error) => this.report(error));
    // Default trackedOrigins: only local transactions (origin null) are undone, never the
    // provider's remote updates.
    this.undoManager = new Y.UndoManager(this.model.sharedTypes);
    this.provider = new WebsocketProvider(options.websocketUrl, options.boardId, this.doc, {
      params: { token: options.token, author: options.authorSecret },
      // No cross-tab channel: another tab may hold another role's link, and a write the server
      // refused here must not travel into a tab that could send it on with more rights.
      disableBc: true,
      // Connected by `#start`, after the local copy is applied; reconnects are ours (jitter).
      connect: false,
    });

    this.#listen();
    this.provider.awareness.setLocalStateField('user', {
      name: options.identity.name,
      color: options.identity.color,
    });
    this.#refresh();
    const useLocal = options.localCopy ?? typeof indexedDB !== 'undefined';
    void this.#start(useLocal, options.info);
  }

  /** Applies the local copy (if any), then connects — unless the browser is offline. */
  async #start(useLocal: boolean, info: BoardInfo | undefined): Promise<void> {
    if (useLocal) {
      try {
        // A copy dropped a moment ago (refused write) must be gone before it is opened again.
        await deletionSettled(this.boardId, this.role);
        if (this.#destroyed) return;
        const local = new LocalCopy(this.boardId, this.role, this.doc);
        this.#local = local;
        const loaded = await local.loaded();
        if (this.#destroyed) return;
        this.#localLoaded = loaded;
        if (!this.readOnly) {
          for (const key of await local.readUnsynced()) this.#unsyncedKeys.add(key);
          this.#unsynced = this.#unsyncedKeys.size;
        }
        if (info) local.writeInfo(info);
      } catch (error) {
        console.warn('The local copy of the board is not available', error);
      }
    }
    if (this.#destroyed || this.#ended !== null) return;
    if (this.#online) this.provider.connect();
  }

  // ——— reading ———

  /** The whole board as plain data, or null until the first sync brought the board. */
  get snapshot(): PlainBoard | null {
    return this.#snapshot;
  }

  get ready(): boolean {
    return this.#snapshot !== null;
  }

  get fieldViews(): FieldView[] {
    return this.#fieldViews;
  }

  get connection() {
    return this.#connection;
  }

  get peers(): Peer[] {
    return this.#peers;
  }

  get me(): DeviceIdentity {
    return this.#me;
  }

  /** The name this person records things under (versions), or undefined when anonymous. */
  get recorderName(): string | undefined {
    return this.#me.anonymous || !this.#me.name.trim() ? undefined : this.#me.name;
  }

  /** A participant on a device that has not chosen a name or to stay anonymous yet. */
  get needsJoinChoice(): boolean {
    return needsChoice(this.#me, this.role);
  }

  get canUndo(): boolean {
    return this.#canUndo;
  }

  get canRedo(): boolean {
    return this.#canRedo;
  }

  /** The last action that failed (technical detail), until dismissed. */
  get failure(): string | null {
    return this.#failure;
  }

  get pendingDelete(): PendingDelete | null {
    return this.#pendingDelete;
  }

  // ——— access ———

  /** The live-session settings: open step, agenda, focus, timer, locks, collection, vote. */
  get session(): SessionSettings {
    return this.#session;
  }

  get viewer(): Viewer {
    return this.#viewer;
  }

  /** Why the board stopped (revoked link, deleted board, refused write …), or null. */
  get ended(): BoardEnd | null {
    return this.#ended;
  }

  /** Rate-limited by the server: waiting to connect again. */
  /**
   * The latest summary of other people's changes for the polite live region (at most one every
   * few seconds; `seq` tells repeated counts apart), or null before the first.
   */
  get remoteChanges(): { count: number; seq: number } | null {
    return this.#remoteChanges;
  }

  get retrying(): boolean {
    return this.#retrying;
  }

  /** Items changed on this device that the server has not confirmed yet (0 for read-only). */
  get unsynced(): number {
    return this.#unsynced;
  }

  /** Increases each time the server confirmed this device's kept changes; 0 before. */
  get savedSeq(): number {
    return this.#savedSeq;
  }

  /** The board was loaded from this device's copy (before or without the server). */
  get localLoaded(): boolean {
    return this.#localLoaded;
  }

  /** Read-only link (beamer): plain text, no controls at all. */
  get readOnly(): boolean {
    return this.permissions.edit === 'none';
  }

  /** The kinds this person may add now (participants: those of the open step). */
  get participationKinds(): readonly ItemKind[] {
    return participationKinds(this.#session);
  }

  /** May this person add an item of `kind` (in `fieldId`) to the board directly? */
  canAdd(kind: ItemKind, fieldId: string | null = null): boolean {
    return canAdd(kind, this.#viewer, fieldId);
  }

  /** Directly, through the facilitator's moderation queue, or not at all. */
  addRoute(kind: ItemKind, fieldId: string | null = null): AddRoute {
    return addRoute(kind, this.#viewer, fieldId);
  }

  /** Whether the facilitator's lock keeps this person out of `fieldId` (null: the board). */
  isLocked(fieldId: string | null = null): boolean {
    return isLocked(this.#viewer, fieldId);
  }

  canEdit(item: OwnedItem & { id?: string }): boolean {
    return canEditItem(this.#owned(item), this.#viewer);
  }

  /** The item with the field it belongs to, for the lock rules. */
  #owned(item: OwnedItem & { id?: string }): OwnedItem {
    if (item.fieldId !== undefined || item.id === undefined) return item;
    return { ...item, fieldId: this.model.fieldOf(item.id) };
  }

  /** May this person add or change translations of `item` (also other people's items)? */
  canTranslate(item: OwnedItem & { id?: string }): boolean {
    return canTranslateItem(this.#owned(item), this.#viewer);
  }

  canEditMeta(): boolean {
    return canEditBoardMeta(this.#viewer);
  }

  /** How to show `item`'s controls (null: the board's title and municipality). */
  mode(item: (OwnedItem & { id?: string }) | null): ControlMode {
    return controlMode(item === null ? null : this.#owned(item), this.#viewer);
  }

  /** Whether this person may delete `id` together with everything that hangs on it. */
  canDelete(id: string): boolean {
    // Reading the snapshot makes callers re-evaluate after every change.
    if (!this.#snapshot || this.readOnly) return false;
    const ids = this.model.has(id) ? [id, ...this.model.dependents(id)] : [];
    const items = ids.map((itemId) => this.model.get(itemId));
    if (items.some((item) => item === undefined)) {
      // An invalid item hangs on it: only roles that may edit everything delete it.
      return this.permissions.edit === 'all' && !this.isLocked(this.model.fieldOf(id));
    }
    return canDeleteItems(
      (items as (OwnedItem & { id: string })[]).map((item) => this.#owned(item)),
      this.#viewer,
    );
  }

  /** Whether this person may detach the measure from the goal (delete their `serves` links). */
  canUnlink(measureId: string, goalId: string): boolean {
    const links = (this.#snapshot?.links ?? []).filter(
      (l) => l.type === 'serves' && l.from === measureId && l.to === goalId,
    );
    return links.length > 0 && links.every((link) => this.canEdit(link));
  }

  /** Session controls: the facilitator's client writes them into the doc. */
  setSession(patch: Partial<SessionSettings>): void {
    try {
      this.model.setSession(patch);
    } catch (error) {
      this.report(error);
    }
  }

  // ——— acting ———

  undo(): void {
    this.undoManager.undo();
  }

  redo(): void {
    this.undoManager.redo();
  }

  /** A name typed in „Dein Name“: taken when valid and new; then this device is not anonymous. */
  rename(name: string): void {
    const check = validateName(name);
    if (!check.ok || check.name === this.#me.name) return;
    this.#setIdentity(chooseName(this.#me, check.name));
  }

  /** The join dialog's „Mit Namen teilnehmen“; false (nothing changed) for an invalid name. */
  joinWithName(name: string): boolean {
    const check = validateName(name);
    if (!check.ok) return false;
    this.#setIdentity(chooseName(this.#me, check.name));
    return true;
  }

  /** The join dialog's „Anonym teilnehmen“: a pseudonym made by `guestName`. */
  joinAnonymously(guestName: (n: string) => string): void {
    this.#setIdentity(chooseAnonymous(this.#me, guestName));
  }

  #setIdentity(identity: DeviceIdentity): void {
    this.#me = identity;
    this.model.author = identity.name;
    saveIdentity(this.#storage, identity);
    this.provider.awareness.setLocalStateField('user', {
      name: identity.name,
      color: identity.color,
    });
  }

  /**
   * Deletes an item. Fields, goals and anything linked, commented or taking other items with it
   * ask first: the dialog reads `pendingDelete`. Lone leaf items go at once; undo brings them back.
   */
  requestDelete(id: string, label: string): void {
    const kind = this.model.get(id)?.kind;
    const summary = this.actions.deletionSummary(id);
    // Anything hanging on it (children, links, comments) or history referring to it: ask first.
    const snapshot = this.#snapshot;
    const referenced =
      snapshot !== null &&
      (snapshot.statusEntries.some((entry) => entry.measureId === id) ||
        snapshot.goalReviews.some((review) => review.goalId === id));
    if (kind === 'field' || kind === 'goal' || summary.length > 0 || referenced) {
      this.#pendingDelete = { id, label, summary };
    } else {
      this.actions.delete(id);
    }
  }

  confirmDelete(): void {
    const pending = this.#pendingDelete;
    this.#pendingDelete = null;
    if (pending) this.actions.delete(pending.id);
  }

  cancelDelete(): void {
    this.#pendingDelete = null;
  }

  report(error: unknown): void {
    console.error('Board action failed', error);
    this.#failure = error instanceof Error ? error.message : String(error);
  }

  dismissFailure(): void {
    this.#failure = null;
  }

  destroy(): void {
    this.#destroyed = true;
    clearTimeout(this.#retryTimer);
    clearTimeout(this.#reconnectTimer);
    this.#local?.destroy();
    for (const cleanup of this.#cleanups.splice(0)) cleanup();
    if (this.#frame !== null && typeof cancelAnimationFrame === 'function') {
      cancelAnimationFrame(this.#frame);
    }
    this.undoManager.destroy();
    this.provider.destroy();
    this.doc.destroy();
  }

  // ——— wiring ———

  #listen(): void {
    const provider = this.provider;
    const onStatus = ({ status }: { status: ProviderStatus }) => {
      this.#providerStatus = status;
      if (status === 'connected') this.#everConnected = true;
    };
    const onSync = (synced: boolean) => {
      this.#synced = synced;
      if (synced) {
        this.#rateLimited = 0;
        this.#attempt = 0;
        if (this.#unsynced > 0) this.#confirm();
      }
      this.#scheduleRefresh();
    };
    // The provider's own reconnect waits 2^n · 100 ms (≤ 2.5 s) with no jitter: after a server
    // restart every phone would come back in the same instant. Take it over: stop the provider
    // on each lost connection (its timer then does nothing) and connect again with full jitter.
    const onConnectionClose = (event: CloseEvent | null) => {
      this.#confirmSent = false;
      if (!provider.shouldConnect) return; // closed on purpose (offline, destroy)
      if (event && event.code >= 4400 && event.code < 4500) return; // `closed` handles these
      provider.shouldConnect = false;
      this.#scheduleReconnect();
    };
    // The answer to a sync step 1 sent after this device's kept changes: the server handles a
    // connection's frames in order and answers step 1 only once everything before is committed.
    const handlers = provider.messageHandlers as unknown as SyncHandler[];
    const syncHandler = handlers[0]!;
    handlers[0] = (encoder, decoder, p, emitSynced, messageType) => {
      const confirming = this.#confirmSent;
      const isStep2 = decoder.arr[decoder.pos] === 1;
      syncHandler(encoder, decoder, p, emitSynced, messageType);
      if (confirming && isStep2 && this.#confirmSent) {
        this.#confirmSent = false;
        this.#unsyncedKeys.clear();
        this.#unsynced = 0;
        this.#local?.writeUnsynced([]);
        this.#savedSeq += 1;
      }
    };
    provider.on('connection-close', onConnectionClose);
    const onClosed = ({ code }: { code: number; reason: string }) => {
      const outcome = closeOutcome(code);
      if (outcome === 'retry') {
        // Rate-limited: the provider stopped; connect again after a while.
        this.#retrying = true;
        clearTimeout(this.#retryTimer);
        this.#retryTimer = setTimeout(() => {
          this.#retrying = false;
          if (this.#ended === null) provider.connect();
        }, rateLimitDelay(this.#rateLimited++));
        return;
      }
      console.warn(`The server closed the board channel (${code}): ${outcome}`);
      this.#closed = true;
      this.#ended = outcome;
      clearTimeout(this.#reconnectTimer);
      // The refused update sits in the local copy too: replayed on every start, it would be
      // refused forever. Drop the copy; the board starts afresh from the server.
      if (outcome === 'refused') {
        void this.#local?.drop();
        this.#unsyncedKeys.clear();
        this.#unsynced = 0;
      }
    };
    provider.on('status', onStatus);
    provider.on('sync', onSync);
    provider.on('closed', onClosed);
    this.#cleanups.push(() => {
      provider.off('status', onStatus);
      provider.off('sync', onSync);
      provider.off('closed', onClosed);
      provider.off('connection-close', onConnectionClose);
      handlers[0] = syncHandler;
    });

    const awareness = provider.awareness;
    const onAwareness = () => this.#readPeers();
    awareness.on('change', onAwareness);
    this.#cleanups.push(() => awareness.off('change', onAwareness));

    // This device's own changes while the server cannot have them yet (no synced connection).
    const onTransaction = (transaction: Y.Transaction) => {
      const origin = transaction.origin;
      if (this.readOnly || origin === provider || (this.#local && origin === this.#local.origin))
        return;
      // Live edits go out at once (and are in the copy anyway); only count what waits.
      if (this.#providerStatus === 'connected' && this.#synced) return;
      if (transaction.changed.size === 0) return;
      const summary = summarizeTransaction(this.doc, transaction);
      const keys = [...summary.items, ...[...summary.meta].map((key) => `meta:${key}`)];
      if (keys.length === 0) keys.push('other');
      const before = this.#unsyncedKeys.size;
      for (const key of keys) this.#unsyncedKeys.add(key);
      if (this.#unsyncedKeys.size === before) return;
      this.#unsynced = this.#unsyncedKeys.size;
      this.#local?.writeUnsynced([...this.#unsyncedKeys]);
    };
    this.doc.on('afterTransaction', onTransaction);
    this.#cleanups.push(() => this.doc.off('afterTransaction', onTransaction));

    this.#cleanups.push(
      this.model.observe((transaction) => {
        this.#scheduleRefresh();
        // Only what others changed (the provider applied it), once the board is loaded; the
        // live session's own settings (agenda, timer, focus) are shown in the live bar instead.
        if (transaction.origin !== provider || !this.#synced) return;
        const summary = summarizeTransaction(this.doc, transaction);
        const ids = [...summary.items];
        for (const key of ['title', 'municipality']) if (summary.meta.has(key)) ids.push(key);
        this.#announcer.note(ids);
      }),
    );
    this.#cleanups.push(() => this.#announcer.destroy());

    const undo = this.undoManager;
    const onStack = () => {
      this.#canUndo = undo.canUndo();
      this.#canRedo = undo.canRedo();
    };
    undo.on('stack-item-added', onStack);
    undo.on('stack-item-popped', onStack);
    undo.on('stack-cleared', onStack);
    this.#cleanups.push(() => {
      undo.off('stack-item-added', onStack);
      undo.off('stack-item-popped', onStack);
      undo.off('stack-cleared', onStack);
    });

    const env = this.#environment;
    if (env) {
      this.#online = env.navigator.onLine;
      const onOnline = () => {
        this.#online = true;
        // Reconnect right away instead of waiting for the back-off.
        clearTimeout(this.#reconnectTimer);
        this.#attempt = 0;
        if (!this.#closed && !this.#retrying && !this.#destroyed) provider.connect();
      };
      const onOffline = () => {
        this.#online = false;
        // A socket may outlive the network for a while; close it so that what is typed now is
        // counted as kept (not sent), and wait for `online` instead of retrying into nothing.
        clearTimeout(this.#reconnectTimer);
        provider.disconnect();
      };
      env.addEventListener('online', onOnline);
      env.addEventListener('offline', onOffline);
      this.#cleanups.push(() => {
        env.removeEventListener('online', onOnline);
        env.removeEventListener('offline', onOffline);
      });
    }
  }

  #scheduleReconnect(): void {
    clearTimeout(this.#reconnectTimer);
    if (this.#closed || this.#destroyed || this.#retrying || !this.#online) return;
    const delay = backoffDelay(this.#attempt++, {
      baseMs: RECONNECT_BASE_MS,
      maxMs: RECONNECT_MAX_MS,
    });
    this.#reconnectTimer = setTimeout(() => {
      if (!this.#closed && !this.#destroyed && this.#online) this.provider.connect();
    }, delay);
  }

  /** Asks the server to confirm that it has this device's kept changes (see `handlers[0]`). */
  #confirm(): void {
    const ws = this.provider.ws;
    if (!ws || ws.readyState !== ws.OPEN) return;
    this.#confirmSent = true;
    ws.send(syncStep1Frame(this.doc));
  }

  #readPeers(): void {
    const self = this.doc.clientID;
    const peers: Peer[] = [];
    for (const [clientId, state] of this.provider.awareness.getStates()) {
      const peer = readPeer(clientId, state, self);
      if (peer) peers.push(peer);
    }
    peers.sort((a, b) => (a.self === b.self ? a.name.localeCompare(b.name) : a.self ? -1 : 1));
    this.#peers = peers;
  }

  /** Coalesces bursts of changes (typing, a remote batch) into one snapshot per frame. */
  #scheduleRefresh(): void {
    if (this.#scheduled) return;
    this.#scheduled = true;
    const run = () => {
      this.#frame = null;
      this.#scheduled = false;
      this.#refresh();
    };
    if (typeof requestAnimationFrame === 'function') this.#frame = requestAnimationFrame(run);
    else queueMicrotask(run);
  }

  #refresh(): void {
    if (!isBoardDoc(this.doc)) return;
    let snapshot: PlainBoard;
    try {
      snapshot = this.model.toPlain();
      this.#rememberLocally(snapshot);
    } catch (error) {
      // `toPlain` validates the board as a whole (e.g. exactly ten process steps). If another
      // client broke that shape, keep the board usable: read the valid items kind by kind.
      console.warn('Board snapshot failed validation; reading it item by item.', error);
      snapshot = this.#lenientSnapshot();
    }
    this.#snapshot = snapshot;
    const session = this.model.session();
    // A new object only when something changed, so that readers re-run only then.
    const key = JSON.stringify(session);
    if (key !== this.#sessionKey) {
      this.#sessionKey = key;
      this.#session = session;
    }
  }

  #lenientSnapshot(): PlainBoard {
    const m = this.model;
    const previous = this.#snapshot?.meta;
    return {
      meta: {
        municipality: m.metaText('municipality').toString(),
        title: m.metaText('title').toString(),
        languages: previous?.languages ?? ['de'],
        createdAt: previous?.createdAt ?? 0,
      },
      steps: m.list('step').sort((a, b) => a.number - b.number),
      fields: m.list('field'),
      stakeholders: m.list('stakeholder'),
      needs: m.list('need'),
      istStand: m.list('istStand'),
      goals: m.list('goal'),
      milestones: m.list('milestone'),
      measures: m.list('measure'),
      links: m.list('link'),
      comments: m.list('comment').sort((a, b) => a.createdAt - b.createdAt),
      reports: m.list('report').sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0)),
      statusEntries: m.list('statusEntry'),
      goalReviews: m.list('goalReview'),
      pressRelease: readPressRelease(m.doc),
    };
  }

  #rememberLocally(snapshot: PlainBoard): void {
    const key = `${snapshot.meta.municipality}\u0000${snapshot.meta.title}`;
    if (key === this.#remembered) return;
    this.#remembered = key;
    refreshBoardTitle(this.#storage, {
      id: this.boardId,
      title: snapshot.meta.title,
      municipality: snapshot.meta.municipality,
    });
  }
}

const [getBoardState, setBoardState] = createContext<BoardState>();

/** The board of the page being rendered (set by the board route's root component). */
export { getBoardState, setBoardState };

/** The y-websocket base URL on this page's own origin. */
export function websocketBaseUrl(location: Pick<Location, 'protocol' | 'host'>): string {
  return `${location.protocol === 'https:' ? 'wss:' : 'ws:'}//${location.host}/yjs`;
}
