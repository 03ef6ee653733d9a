import type { ItemKind, Role, VoteRound } from '@werkraum/model';
import { createContext } from 'svelte';
import { io, type ManagerOptions, type Socket, type SocketOptions } from 'socket.io-client';
import { backoffDelay } from './backoff.js';
import { bestClockEstimate, type ClockEstimate, type ClockSample } from './clock.js';
import { countPeople, EMPTY_COUNTS, normalizeCounts } from './presence.js';
import {
  isAck,
  type AckOf,
  type ClientEventName,
  type FocusTarget,
  type HiddenItem,
  type PayloadOf,
  type PresenceCounts,
  type PresencePerson,
  type PresenceState,
  type SessionErrorCode,
} from './protocol.js';
import { ballotFor, ballotFromAck, type Ballot } from './votes.js';

export type SessionStatus = 'connecting' | 'connected' | 'reconnecting' | 'refused' | 'closed';

/** A refused or failed command, for the person who gave it. */
export interface SessionProblem {
  event: ClientEventName;
  code: SessionErrorCode;
  message: string;
}

/** An item this participant sent to the moderation queue (kept on this page only). */
export interface PendingSubmission {
  id: string;
  kind: ItemKind;
  parentId: string | null;
  text: string;
  submittedAt: number;
  /** Set when the facilitator discarded it: shown as „not taken up“ until dismissed. */
  declined?: true;
}

export interface PresenceIdentity {
  name: string;
  color: string;
}

export interface SessionClientOptions {
  boardId: string;
  token: string;
  /** This device's author secret (the server derives the author id from it). */
  authorSecret: string;
  role: Role;
  /** The page's origin (the server serves socket.io there). */
  origin: string;
  /** Tests pass a fake socket factory. */
  connect?: (origin: string, options: Partial<ManagerOptions & SocketOptions>) => Socket;
  /** Tests pass fake timers/clock. */
  now?: () => number;
  random?: () => number;
  /** The browser's `online` event reconnects at once (the page passes `window`). */
  environment?: Pick<Window, 'addEventListener' | 'removeEventListener'>;
}

/** How long to wait for an acknowledgement. */
export const ACK_TIMEOUT_MS = 10_000;
/** Round trips per clock sync, and how often to sync again. */
export const CLOCK_SAMPLES = 5;
export const CLOCK_RESYNC_MS = 60_000;
/** Focus moves are collected for this long before presence tells others. */
export const EDITING_DEBOUNCE_MS = 400;

/**
 * The live-session channel of one board page (socket.io): presence, the server's clock, the
 * facilitator's commands, this person's votes and moderated submissions. Session *settings* are
 * read from the board document (`BoardState.session`); this class sends the commands that change
 * them and keeps what only this channel carries.
 */
export class SessionClient {
  readonly boardId: string;
  readonly role: Role;
  readonly socket: Socket;

  #status = $state<SessionStatus>('connecting');
  #presence = $state.raw<PresenceState | null>(null);
  #clock = $state.raw<ClockEstimate | null>(null);
  #ended = $state<'revoked' | 'deleted' | null>(null);
  #problem = $state.raw<SessionProblem | null>(null);
  #ballot = $state.raw<Ballot | null>(null);
  #queueCount = $state(0);
  #versionsRevision = $state(0);
  #queue = $state.raw<HiddenItem[]>([]);
  #pending = $state.raw<PendingSubmission[]>([]);
  #busy = $state(0);
  /** The facilitator's choice of dots per person for the next round (1–10). */
  voteDots = $state(3);

  #counts = $derived.by<PresenceCounts>(() => {
    const state = this.#presence;
    if (!state) return EMPTY_COUNTS;
    return state.people && !state.counts
      ? countPeople(state.people)
      : normalizeCounts(state.counts);
  });

  #identity: PresenceIdentity | null = null;
  #editing: string | null = null;
  #sentPresence = '';
  #editingTimer: ReturnType<typeof setTimeout> | undefined;
  #clockTimer: ReturnType<typeof setInterval> | undefined;
  #retryTimer: ReturnType<typeof setTimeout> | undefined;
  #attempt = 0;
  #cleanups: (() => void)[] = [];
  #joined = false;
  #destroyed = false;
  #now: () => number;
  #random: () => number;

  constructor(options: SessionClientOptions) {
    this.boardId = options.boardId;
    this.role = options.role;
    this.#now = options.now ?? Date.now;
    this.#random = options.random ?? Math.random;
    const connect = options.connect ?? io;
    this.socket = connect(options.origin, {
      path: '/socket.io',
      transports: ['websocket'],
      auth: { boardId: options.boardId, token: options.token, author: options.authorSecret },
      // Reconnects are ours (`#retryLater`): exponential back-off with full jitter, 1 s … 30 s.
      // socket.io's own (`randomizationFactor`) spreads ±x % around the delay, so every client
      // that reached its 30 s cap would come back in the same second.
      reconnection: false,
      timeout: 10_000,
    });
    this.#listen();
    const env = options.environment;
    if (env) {
      const onOnline = () => this.reconnectNow();
      env.addEventListener('online', onOnline);
      this.#cleanups.push(() => env.removeEventListener('online', onOnline));
    }
  }

  // ——— reading ———

  get status(): SessionStatus {
    return this.#status;
  }

  get connected(): boolean {
    return this.#status === 'connected';
  }

  /** The server's last `presence:state` (null until the first). */
  get presence(): PresenceState | null {
    return this.#presence;
  }

  get counts(): PresenceCounts {
    return this.#counts;
  }

  /** The list of people, for facilitator and steering group (empty for other roles). */
  get people(): PresencePerson[] {
    return this.#presence?.people ?? [];
  }

  /** Local clock + offset = the server's clock (0 until the first sync). */
  get offsetMs(): number {
    return this.#clock?.offsetMs ?? 0;
  }

  get clockSynced(): boolean {
    return this.#clock !== null;
  }

  /** The server's clock now, as well as this device can tell. */
  serverNow(): number {
    return this.#now() + this.offsetMs;
  }

  /** The board ended on this channel (`board:closed`). */
  get ended(): 'revoked' | 'deleted' | null {
    return this.#ended;
  }

  get problem(): SessionProblem | null {
    return this.#problem;
  }

  dismissProblem(): void {
    this.#problem = null;
  }

  /** Commands waiting for their acknowledgement. */
  get busy(): boolean {
    return this.#busy > 0;
  }

  /** This person's dots in `round` (null when no round is open). */
  ballot(round: VoteRound | null): Ballot | null {
    return ballotFor(round, this.#ballot);
  }

  /** Facilitator: how many items wait for moderation, and which. */
  /** Counts `versions:changed` events: a view that lists versions reloads when it changes. */
  get versionsRevision(): number {
    return this.#versionsRevision;
  }

  get queueCount(): number {
    return this.#queueCount;
  }

  get queue(): HiddenItem[] {
    return this.#queue;
  }

  /** Participant: own submissions not seen on the board yet. */
  get pending(): PendingSubmission[] {
    return this.#pending;
  }

  // ——— the channel ———

  /**
   * Sends an event and resolves with its acknowledgement; a timeout or a lost connection
   * becomes `{ ok: false, error: { code: 'unavailable' } }`. Never rejects.
   */
  async request<E extends ClientEventName>(event: E, payload: PayloadOf<E>): Promise<AckOf<E>> {
    this.#busy += 1;
    try {
      const answer: unknown = await this.socket.timeout(ACK_TIMEOUT_MS).emitWithAck(event, payload);
      if (!isAck(answer)) {
        return { ok: false, error: { code: 'internal', message: 'Unexpected answer' } };
      }
      return answer as AckOf<E>;
    } catch (error) {
      return {
        ok: false,
        error: {
          code: 'unavailable',
          message: error instanceof Error ? error.message : String(error),
        },
      };
    } finally {
      this.#busy -= 1;
    }
  }

  /** A command of this person: a refusal is kept as `problem` to be shown. */
  async command<E extends ClientEventName>(event: E, payload: PayloadOf<E>): Promise<AckOf<E>> {
    const ack = await this.request(event, payload);
    if (ack.ok) {
      if (this.#problem?.event === event) this.#problem = null;
    } else {
      console.warn(`Session command ${event} refused: ${ack.error.code} ${ack.error.message}`);
      this.#problem = { event, code: ack.error.code, message: ack.error.message };
    }
    return ack;
  }

  /** Name and colour to show to the others; sent on join and whenever they change. */
  announce(identity: PresenceIdentity): void {
    this.#identity = { name: identity.name, color: identity.color };
    this.#sendPresence();
  }

  /** The item whose text this person is editing now (null: none); sent debounced. */
  setEditing(itemId: string | null): void {
    if (itemId === this.#editing) return;
    this.#editing = itemId;
    clearTimeout(this.#editingTimer);
    this.#editingTimer = setTimeout(() => this.#sendPresence(), EDITING_DEBOUNCE_MS);
  }

  /** Measures the offset to the server's clock (best of a few round trips). */
  async syncClock(samples = CLOCK_SAMPLES): Promise<void> {
    const taken: ClockSample[] = [];
    for (let i = 0; i < samples; i++) {
      if (!this.socket.connected) break;
      const sentAt = this.#now();
      const ack = await this.request('clock:sync', {});
      const receivedAt = this.#now();
      if (!ack.ok || typeof ack.serverTime !== 'number') break;
      taken.push({ sentAt, serverTime: ack.serverTime, receivedAt });
    }
    const estimate = bestClockEstimate(taken);
    if (estimate) this.#clock = estimate;
  }

  // ——— facilitator commands ———

  openStep(step: number | null) {
    return this.command('session:openStep', { step });
  }

  setEditAll(allowed: boolean) {
    return this.command('session:setEditAll', { allowed });
  }

  setAgenda(text: string) {
    return this.command('session:agenda', { text: text.trim().slice(0, 200) });
  }

  focus(target: FocusTarget | null) {
    return this.command('session:focus', { target });
  }

  lockBoard(locked: boolean) {
    return this.command('session:lock', { scope: 'board', locked });
  }

  lockField(fieldId: string, locked: boolean) {
    return this.command('session:lock', { scope: 'field', fieldId, locked });
  }

  setCollect(enabled: boolean) {
    return this.command('session:collect', { enabled });
  }

  startTimer(minutes: number) {
    return this.command('timer:start', { minutes });
  }

  pauseTimer() {
    return this.command('timer:pause', {});
  }

  resumeTimer() {
    return this.command('timer:resume', {});
  }

  resetTimer() {
    return this.command('timer:reset', {});
  }

  addTime(minutes: number) {
    return this.command('timer:add', { minutes });
  }

  startVote(fieldId: string, dotsPerPerson: number) {
    const dots = Math.min(10, Math.max(1, Math.round(Number(dotsPerPerson) || 3)));
    return this.command('vote:start', { fieldId, dotsPerPerson: dots });
  }

  revealVote() {
    return this.command('vote:reveal', {});
  }

  cancelVote() {
    return this.command('vote:cancel', {});
  }

  // ——— votes (everyone but the beamer) ———

  async castVote(round: VoteRound, itemId: string): Promise<boolean> {
    return this.#ballotCommand(round, 'vote:cast', { itemId });
  }

  async retractVote(round: VoteRound, itemId: string): Promise<boolean> {
    return this.#ballotCommand(round, 'vote:retract', { itemId });
  }

  /** This person's dots of the open round (after a reload or reconnect). */
  async loadBallot(round: VoteRound): Promise<void> {
    const ack = await this.request('vote:mine', {});
    if (ack.ok) this.#ballot = ballotFromAck(round.id, ack);
  }

  async #ballotCommand(
    round: VoteRound,
    event: 'vote:cast' | 'vote:retract',
    payload: { itemId: string },
  ): Promise<boolean> {
    const ack = await this.command(event, payload);
    if (ack.ok) this.#ballot = ballotFromAck(round.id, ack);
    return ack.ok;
  }

  // ——— moderated collection ———

  /** Participant: sends a new item to the queue; it waits there until the facilitator shows it. */
  async submit(input: {
    kind: ItemKind;
    parentId: string | null;
    content: Record<string, string>;
    /** A measure added under a goal: the goal it serves once shown. */
    servesId?: string | null;
    text: string;
  }): Promise<boolean> {
    const ack = await this.command('collect:submit', {
      kind: input.kind,
      parentId: input.parentId,
      content: input.content,
      servesId: input.servesId ?? null,
    });
    if (!ack.ok) return false;
    this.#pending = [
      ...this.#pending,
      {
        id: ack.id,
        kind: input.kind,
        parentId: input.parentId,
        text: input.text,
        submittedAt: this.#now(),
      },
    ];
    return true;
  }

  /** Marks own submissions the facilitator discarded (event from the server). */
  markDeclined(ids: readonly string[]): void {
    if (!this.#pending.some((submission) => ids.includes(submission.id))) return;
    this.#pending = this.#pending.map((submission) =>
      ids.includes(submission.id) ? { ...submission, declined: true } : submission,
    );
  }

  /** The participant has read that a submission was not taken up. */
  dismissPending(id: string): void {
    this.#pending = this.#pending.filter((submission) => submission.id !== id);
  }

  /** Drops own submissions that now appear on the board (`isOnBoard` matches them). */
  settlePending(isOnBoard: (submission: PendingSubmission) => boolean): void {
    const left = this.#pending.filter((submission) => !isOnBoard(submission));
    if (left.length !== this.#pending.length) this.#pending = left;
  }

  /** Facilitator: reads the queue again. */
  async loadQueue(): Promise<void> {
    const ack = await this.request('collect:list', {});
    if (ack.ok && Array.isArray(ack.items)) {
      this.#queue = ack.items;
      this.#queueCount = ack.items.length;
    }
  }

  async reveal(ids: string[]): Promise<boolean> {
    if (ids.length === 0) return true;
    const ack = await this.command('collect:reveal', { ids });
    await this.loadQueue();
    return ack.ok;
  }

  async discard(ids: string[]): Promise<boolean> {
    if (ids.length === 0) return true;
    const ack = await this.command('collect:discard', { ids });
    await this.loadQueue();
    return ack.ok;
  }

  /** The network is back (`online`): try at once instead of waiting for the back-off. */
  reconnectNow(): void {
    if (this.#destroyed || this.#ended || this.socket.connected) return;
    clearTimeout(this.#retryTimer);
    this.socket.connect();
  }

  destroy(): void {
    this.#destroyed = true;
    for (const cleanup of this.#cleanups.splice(0)) cleanup();
    clearTimeout(this.#editingTimer);
    clearTimeout(this.#retryTimer);
    clearInterval(this.#clockTimer);
    this.socket.removeAllListeners();
    this.socket.io.removeAllListeners();
    this.socket.disconnect();
  }

  // ——— wiring ———

  #listen(): void {
    const socket = this.socket;
    socket.on('connect', () => {
      this.#status = 'connected';
      this.#attempt = 0;
      void this.#onConnected();
    });
    socket.on('disconnect', (reason) => {
      this.#joined = false;
      this.#sentPresence = '';
      clearInterval(this.#clockTimer);
      if (this.#ended || this.#destroyed) {
        this.#status = 'closed';
        return;
      }
      this.#status = 'reconnecting';
      // A lost network or a server that hung up on purpose: try again after a while (with
      // `reconnection: false` socket.io does not come back on its own) unless the board ended.
      if (reason !== 'io client disconnect') this.#retryLater();
    });
    socket.on('connect_error', (error: Error & { data?: { code?: string } }) => {
      if (this.#destroyed || this.#ended) return;
      if (socket.active) {
        // A network problem: try again with back-off.
        this.#status = this.#joined ? 'reconnecting' : this.#status;
        this.#retryLater();
        return;
      }
      // Refused by the server (link unknown or rotated, board deleted, internal problem). The
      // document channel tells which (4401/4410) and ends the page; keep trying slowly meanwhile.
      console.warn(`The session channel was refused: ${error.data?.code ?? error.message}`);
      this.#status = 'refused';
      this.#retryLater(3);
    });
    socket.on('presence:state', (state: PresenceState) => {
      if (state?.boardId !== undefined && state.boardId !== this.boardId) return;
      this.#presence = state;
    });
    socket.on('collect:queue', (event: { boardId: string; count: number }) => {
      if (typeof event?.count === 'number') this.#queueCount = event.count;
      if (this.role === 'facilitator') void this.loadQueue();
    });
    socket.on('versions:changed', (event: { boardId: string }) => {
      if (event?.boardId === this.boardId) this.#versionsRevision += 1;
    });
    socket.on('collect:discarded', (event: { boardId: string; ids: string[] }) => {
      if (event?.boardId !== this.boardId || !Array.isArray(event.ids)) return;
      this.markDeclined(event.ids.filter((id): id is string => typeof id === 'string'));
    });
    socket.on('board:closed', (event: { reason?: string }) => {
      this.#ended = event?.reason === 'deleted' ? 'deleted' : 'revoked';
      this.#status = 'closed';
    });
  }

  #retryLater(minimumAttempt = 0): void {
    clearTimeout(this.#retryTimer);
    const attempt = Math.max(this.#attempt++, minimumAttempt);
    this.#retryTimer = setTimeout(
      () => {
        if (!this.#destroyed && !this.#ended && !this.socket.connected) this.socket.connect();
      },
      backoffDelay(attempt, { random: this.#random }),
    );
  }

  async #onConnected(): Promise<void> {
    const join = await this.request('board:join', {});
    if (!join.ok) {
      console.warn(`board:join refused: ${join.error.code} ${join.error.message}`);
      return;
    }
    this.#joined = true;
    this.#sendPresence();
    await this.syncClock();
    clearInterval(this.#clockTimer);
    this.#clockTimer = setInterval(() => void this.syncClock(), CLOCK_RESYNC_MS);
    if (this.role === 'facilitator') await this.loadQueue();
  }

  #sendPresence(): void {
    const identity = this.#identity;
    if (!identity || !this.#joined) return;
    const payload = {
      name: identity.name.trim().slice(0, 80) || '–',
      color: /^#[0-9a-fA-F]{6}$/.test(identity.color) ? identity.color : '#4a5360',
      editing: this.#editing,
    };
    const key = JSON.stringify(payload);
    if (key === this.#sentPresence) return;
    this.#sentPresence = key;
    void this.request('presence:update', payload).then((ack) => {
      if (!ack.ok) {
        console.warn(`presence:update refused: ${ack.error.code} ${ack.error.message}`);
        if (this.#sentPresence === key) this.#sentPresence = '';
      }
    });
  }
}

const [getSessionClient, setSessionClient] = createContext<SessionClient>();

/** The live-session channel of the board page being rendered. */
export { getSessionClient, setSessionClient };
