import {
  BoardModel,
  ITEM_DEFAULTS,
  ITEM_PARENTS,
  ModelError,
  PARTICIPATION_KINDS,
  addTime,
  focusSchema,
  itemContentSchemas,
  itemIdSchema,
  itemKindSchema,
  newItemId,
  pauseTimer,
  resetTimer,
  resumeTimer,
  sessionSettingsSchema,
  startTimer,
  type CreatableKind,
  type ItemKind,
  type Role,
  type SessionSettings,
  type VoteRound,
} from '@werkraum/model';
import type * as Y from 'yjs';
import { z } from 'zod';
import { BoardNotFoundError } from '../errors.js';
import { SessionEvent } from '../protocol.js';
import type { HiddenItem, HiddenItemQueue } from './hidden.js';
import { tally, type VoteStore } from './votes.js';

/**
 * The live session's commands (docs/live-session.md), independent of socket.io: each one
 * validates its payload (strict zod objects), checks the caller's role, and answers
 * `{ ok: true, … }` or `{ ok: false, error }`. A refused command changes nothing. Session
 * settings are written into the board doc on the server (`rooms.change`), so they are
 * committed and relayed like any update.
 */

export type SessionErrorCode =
  'bad_request' | 'forbidden' | 'not_found' | 'rate_limited' | 'internal';

export interface SessionError {
  ok: false;
  error: { code: SessionErrorCode; message: string };
}

export type Ack<T extends object = object> = ({ ok: true } & T) | SessionError;

export function fail(code: SessionErrorCode, message: string): SessionError {
  return { ok: false, error: { code, message } };
}

const isError = (value: unknown): value is SessionError =>
  typeof value === 'object' && value !== null && (value as { ok?: unknown }).ok === false;

/** Who sends a command. */
export interface CommandContext {
  role: Role;
  boardId: string;
  /** `deriveAuthorId` of the handshake's author secret, '' without one. */
  authorId: string;
  /** The socket's presence member id (random per socket). */
  memberId: string;
  /** The name from the socket's presence record, null if it has none. */
  name: string | null;
}

export interface SessionServices {
  /** Runs `fn` on the board's doc as a server-side change; resolves once committed. */
  change<T>(boardId: string, fn: (doc: Y.Doc) => T): Promise<T>;
  votes: VoteStore;
  queue: HiddenItemQueue;
  /** Tells the facilitator's sockets how many items wait for moderation. */
  queueChanged(boardId: string, count: number): void;
  /** Tells the submitters of discarded items which of theirs were not taken up. */
  submissionsDiscarded(boardId: string, idsByAuthor: ReadonlyMap<string, string[]>): void;
  /** The server clock (ms since epoch). */
  now(): number;
  /**
   * Optional: the facilitator changed the open step (`from` → `to`, committed). Records the
   * automatic 'session' version when participation closes and the attendance of workshops.
   * Called before the ack; must not reject (it logs its own failures).
   */
  stepChanged?(
    boardId: string,
    from: number | null,
    to: number | null,
    by: string | null,
  ): Promise<void>;
}

export interface Command {
  readonly roles: readonly Role[];
  /** Validates, checks the role, runs. Rejects only on unexpected errors (log them). */
  execute(context: CommandContext, payload: unknown): Promise<Ack>;
}

const ALL: readonly Role[] = ['facilitator', 'steering', 'participant', 'viewer'];
const FACILITATOR: readonly Role[] = ['facilitator'];
const VOTERS: readonly Role[] = ['facilitator', 'steering', 'participant'];
const SUBMITTERS: readonly Role[] = ['steering', 'participant'];

/** Kinds that can get dots in a vote round (the items of a field). */
export const VOTABLE_KINDS: readonly ItemKind[] = ['goal', 'measure', 'istStand'];
/** At most this many items wait for moderation per board. */
export const MAX_HIDDEN_ITEMS = 1_000;
/** The name on an item whose submitter has set none. */
export const DEFAULT_AUTHOR_NAME = 'Gast';

function command<S extends z.ZodType>(
  roles: readonly Role[],
  schema: S,
  usage: string,
  run: (context: CommandContext, payload: z.infer<S>) => Promise<Ack>,
): Command {
  return {
    roles,
    async execute(context, payload) {
      if (!roles.includes(context.role)) {
        return fail(
          'forbidden',
          roles === FACILITATOR ? 'Only the facilitator runs the session' : 'Not for your role',
        );
      }
      const parsed = schema.safeParse(payload);
      if (!parsed.success) return fail('bad_request', `Expected ${usage}`);
      try {
        return await run(context, parsed.data);
      } catch (error) {
        if (error instanceof BoardNotFoundError) return fail('not_found', 'Board not found');
        throw error;
      }
    },
  };
}

const empty = z.strictObject({});
const minutes = (min: number, max: number) => z.number().finite().min(min).max(max);

export const commandSchemas = {
  openStep: z.strictObject({ step: sessionSettingsSchema.shape.openStep }),
  setEditAll: z.strictObject({ allowed: z.boolean() }),
  agenda: z.strictObject({ text: sessionSettingsSchema.shape.agenda }),
  focus: z.strictObject({ target: focusSchema }),
  lock: z.discriminatedUnion('scope', [
    z.strictObject({ scope: z.literal('board'), locked: z.boolean() }),
    z.strictObject({ scope: z.literal('field'), fieldId: itemIdSchema, locked: z.boolean() }),
  ]),
  collect: z.strictObject({ enabled: z.boolean() }),
  timerStart: z.strictObject({ minutes: minutes(0.5, 240) }),
  timerAdd: z.strictObject({ minutes: minutes(-60, 240) }),
  voteStart: z.strictObject({
    fieldId: itemIdSchema,
    dotsPerPerson: z.number().int().min(1).max(10),
  }),
  voteItem: z.strictObject({ itemId: itemIdSchema }),
  submit: z.strictObject({
    kind: itemKindSchema,
    parentId: itemIdSchema.nullable(),
    content: z.record(z.string(), z.unknown()),
    /** A measure added under a goal: the goal it serves (same field). */
    servesId: itemIdSchema.nullable().optional(),
  }),
  ids: z.strictObject({ ids: z.array(itemIdSchema).min(1).max(200) }),
} as const;

/** `HiddenItem` as the facilitator sees it (no board id, no author key). */
export type QueuedItem = Omit<HiddenItem, 'boardId' | 'authorId'>;

/** The commands by event name. */
export function createSessionCommands(services: SessionServices): Map<string, Command> {
  const { votes, queue } = services;

  /** Reads (or writes) the board inside one server-side change. */
  const withModel = <T>(boardId: string, fn: (model: BoardModel) => T): Promise<T> =>
    services.change(boardId, (doc) => fn(new BoardModel(doc)));

  /**
   * Decides a change of the session settings from the current ones and writes it; a refusal
   * writes nothing. Acks the settings now in force.
   */
  const updateSession = (
    boardId: string,
    decide: (
      session: SessionSettings,
      model: BoardModel,
    ) => Partial<SessionSettings> | SessionError,
  ): Promise<Ack<{ session: SessionSettings }>> =>
    withModel(boardId, (model) => {
      const patch = decide(model.session(), model);
      if (isError(patch)) return patch;
      model.setSession(patch);
      return { ok: true as const, session: model.session() };
    });

  const openRound = (session: SessionSettings): VoteRound | SessionError =>
    session.vote?.status === 'open' ? session.vote : fail('forbidden', 'No vote is open');

  const voterKey = (context: CommandContext): string => context.authorId || context.memberId;

  const ballotAck = (round: VoteRound | null, mine: string[]) => ({
    ok: true as const,
    mine,
    remaining: round ? Math.max(0, round.dotsPerPerson - mine.length) : 0,
  });

  const notifyQueue = async (boardId: string): Promise<void> => {
    const items = await queue.listHidden(boardId);
    services.queueChanged(boardId, items.length);
  };

  const commands = new Map<string, Command>();
  const add = (event: string, value: Command) => commands.set(event, value);

  add(
    SessionEvent.ClockSync,
    command(ALL, empty, '{}', async () => ({ ok: true, serverTime: services.now() })),
  );

  add(
    SessionEvent.OpenStep,
    command(
      FACILITATOR,
      commandSchemas.openStep,
      '{ step: 1..10 | null }',
      async ({ boardId, name }, p) => {
        let from: number | null = null;
        const ack = await updateSession(boardId, (session) => {
          from = session.openStep;
          return { openStep: p.step };
        });
        const previous = from as number | null;
        if (ack.ok && previous !== p.step) {
          await services.stepChanged?.(boardId, previous, p.step, name);
        }
        return ack;
      },
    ),
  );
  add(
    SessionEvent.SetEditAll,
    command(FACILITATOR, commandSchemas.setEditAll, '{ allowed: boolean }', ({ boardId }, p) =>
      updateSession(boardId, () => ({ participantsMayEditAll: p.allowed })),
    ),
  );
  add(
    SessionEvent.Agenda,
    command(FACILITATOR, commandSchemas.agenda, '{ text: string (≤ 200) }', ({ boardId }, p) =>
      updateSession(boardId, () => ({ agenda: p.text })),
    ),
  );
  add(
    SessionEvent.Focus,
    command(
      FACILITATOR,
      commandSchemas.focus,
      "{ target: { kind: 'step' | 'field' | 'item', id } | null }",
      ({ boardId }, { target }) =>
        updateSession(boardId, (_session, model) => {
          if (target === null) return { focus: null };
          const item = model.get(target.id);
          if (!item) return fail('not_found', 'No such item');
          const kindOk =
            target.kind === 'item'
              ? item.kind !== 'step' && item.kind !== 'field'
              : item.kind === target.kind;
          if (!kindOk) return fail('bad_request', `The item is not a ${target.kind}`);
          return { focus: target };
        }),
    ),
  );
  add(
    SessionEvent.Lock,
    command(
      FACILITATOR,
      commandSchemas.lock,
      "{ scope: 'board', locked } | { scope: 'field', fieldId, locked }",
      ({ boardId }, p) =>
        updateSession(boardId, (session, model) => {
          if (p.scope === 'board') return { lock: { ...session.lock, board: p.locked } };
          const others = session.lock.fields.filter((id) => id !== p.fieldId);
          if (!p.locked) return { lock: { ...session.lock, fields: others } };
          if (!model.get(p.fieldId, 'field')) return fail('not_found', 'No such field');
          if (others.length >= 500) return fail('bad_request', 'Too many locked fields');
          return { lock: { ...session.lock, fields: [...others, p.fieldId] } };
        }),
    ),
  );
  add(
    SessionEvent.Collect,
    command(FACILITATOR, commandSchemas.collect, '{ enabled: boolean }', ({ boardId }, p) =>
      updateSession(boardId, () => ({ collect: p.enabled })),
    ),
  );

  // Timer: pure functions of the server clock.
  const timer = (
    event: string,
    schema: z.ZodType<{ minutes?: number }>,
    usage: string,
    next: (
      timer: SessionSettings['timer'],
      minutes: number,
      now: number,
    ) => SessionSettings['timer'],
  ) =>
    add(
      event,
      command(FACILITATOR, schema, usage, ({ boardId }, p) =>
        updateSession(boardId, (session) => ({
          timer: next(session.timer, p.minutes ?? 0, services.now()),
        })),
      ),
    );
  timer(SessionEvent.TimerStart, commandSchemas.timerStart, '{ minutes: 0.5–240 }', (_t, m, now) =>
    startTimer(m * 60_000, now),
  );
  timer(SessionEvent.TimerPause, empty, '{}', (t, _m, now) => pauseTimer(t, now));
  timer(SessionEvent.TimerResume, empty, '{}', (t, _m, now) => resumeTimer(t, now));
  timer(SessionEvent.TimerReset, empty, '{}', (t) => resetTimer(t));
  timer(SessionEvent.TimerAdd, commandSchemas.timerAdd, '{ minutes: -60–240 }', (t, m, now) =>
    addTime(t, m * 60_000, now),
  );

  // Votes.
  add(
    SessionEvent.VoteStart,
    command(
      FACILITATOR,
      commandSchemas.voteStart,
      '{ fieldId, dotsPerPerson: 1–10 }',
      async ({ boardId }, p) => {
        let previous: VoteRound | null = null;
        const ack = await updateSession(boardId, (session, model) => {
          if (!model.get(p.fieldId, 'field')) return fail('not_found', 'No such field');
          previous = session.vote;
          const round: VoteRound = {
            id: newItemId(),
            fieldId: p.fieldId,
            dotsPerPerson: p.dotsPerPerson,
            status: 'open',
            startedAt: services.now(),
            revealedAt: null,
            counts: null,
            voters: null,
          };
          return { vote: round };
        });
        // The new round replaces the old one; its ballots (if still open) are dropped.
        const old = previous as VoteRound | null;
        if (ack.ok && old?.status === 'open') await votes.closeRound(boardId, old.id);
        return ack;
      },
    ),
  );
  add(
    SessionEvent.VoteCast,
    command(VOTERS, commandSchemas.voteItem, '{ itemId }', async (context, { itemId }) => {
      const { boardId } = context;
      const round = await withModel(boardId, (model) => {
        const open = openRound(model.session());
        if (isError(open)) return open;
        const item = model.get(itemId);
        if (!item) return fail('not_found', 'No such item');
        if (!VOTABLE_KINDS.includes(item.kind) || model.fieldOf(itemId) !== open.fieldId) {
          return fail('bad_request', 'The item is not part of this vote');
        }
        return open;
      });
      if (isError(round)) return round;
      const result = await votes.cast({
        boardId,
        roundId: round.id,
        voterKey: voterKey(context),
        itemId,
        limit: round.dotsPerPerson,
      });
      if (!result.ok) {
        return fail(
          'forbidden',
          result.reason === 'limit' ? 'No dots left' : 'The vote has been closed',
        );
      }
      return ballotAck(round, result.mine);
    }),
  );
  add(
    SessionEvent.VoteRetract,
    command(VOTERS, commandSchemas.voteItem, '{ itemId }', async (context, { itemId }) => {
      const round = await withModel(context.boardId, (model) => openRound(model.session()));
      if (isError(round)) return round;
      const mine = await votes.retract({
        boardId: context.boardId,
        roundId: round.id,
        voterKey: voterKey(context),
        itemId,
      });
      return ballotAck(round, mine);
    }),
  );
  add(
    SessionEvent.VoteMine,
    command(VOTERS, empty, '{}', async (context) => {
      const round = await withModel(context.boardId, (model) => openRound(model.session()));
      if (isError(round)) return ballotAck(null, []);
      const mine = await votes.mine({
        boardId: context.boardId,
        roundId: round.id,
        voterKey: voterKey(context),
      });
      return ballotAck(round, mine);
    }),
  );

  /** Closes the open round (ballots deleted) and writes its end into the session. */
  const endRound = async (
    boardId: string,
    end: (round: VoteRound, ballots: string[][], model: BoardModel) => VoteRound,
  ): Promise<Ack<{ session: SessionSettings }>> => {
    const round = await withModel(boardId, (model) => openRound(model.session()));
    if (isError(round)) return round;
    const ballots = await votes.closeRound(boardId, round.id);
    if (ballots === null) return fail('forbidden', 'The vote has been closed already');
    return updateSession(boardId, (session, model) => {
      // Started anew or ended elsewhere meanwhile: leave the session as it is.
      if (session.vote?.id !== round.id || session.vote.status !== 'open') {
        return fail('forbidden', 'The vote has changed meanwhile');
      }
      return { vote: end(session.vote, ballots, model) };
    });
  };
  add(
    SessionEvent.VoteReveal,
    command(FACILITATOR, empty, '{}', ({ boardId }) =>
      endRound(boardId, (round, ballots, model) => {
        const { counts: dots, voters } = tally(ballots);
        // Every item of the field that can get dots, with 0 if it got none; dots on items
        // deleted meanwhile are dropped.
        const counts: Record<string, number> = {};
        for (const kind of VOTABLE_KINDS) {
          for (const item of model.list(kind, round.fieldId)) counts[item.id] = dots[item.id] ?? 0;
        }
        return {
          ...round,
          status: 'revealed',
          revealedAt: services.now(),
          counts,
          voters,
        };
      }),
    ),
  );
  add(
    SessionEvent.VoteCancel,
    command(FACILITATOR, empty, '{}', ({ boardId }) =>
      endRound(boardId, (round) => ({ ...round, status: 'cancelled' })),
    ),
  );

  // Moderated collection.
  add(
    SessionEvent.CollectSubmit,
    command(
      SUBMITTERS,
      commandSchemas.submit,
      '{ kind, parentId: id | null, content, servesId?: goal id } (a kind of the open step)',
      async (context, p) => {
        const { boardId } = context;
        const servesId = p.servesId ?? null;
        const content = await withModel(boardId, (model) => {
          const checked = checkSubmission(model, p.kind, p.parentId, p.content);
          if (isError(checked)) return checked;
          const goal = checkServes(model, p.kind, p.parentId, servesId);
          return isError(goal) ? goal : checked;
        });
        if (isError(content)) return content;
        const waiting = await queue.listHidden(boardId);
        if (waiting.length >= MAX_HIDDEN_ITEMS) {
          return fail('rate_limited', 'Too many items wait for moderation');
        }
        const item: HiddenItem = {
          id: newItemId(),
          boardId,
          kind: p.kind,
          parentId: p.parentId,
          content,
          servesId,
          authorName: context.name ?? DEFAULT_AUTHOR_NAME,
          authorId: context.authorId,
          submittedAt: services.now(),
        };
        await queue.enqueueHidden(item);
        await notifyQueue(boardId);
        return { ok: true, id: item.id };
      },
    ),
  );
  add(
    SessionEvent.CollectList,
    command(FACILITATOR, empty, '{}', async ({ boardId }) => {
      const items = await queue.listHidden(boardId);
      return { ok: true, items: items.map(publicItem) };
    }),
  );
  add(
    SessionEvent.CollectReveal,
    command(FACILITATOR, commandSchemas.ids, '{ ids: itemId[] }', async ({ boardId }, { ids }) => {
      const taken = await queue.takeHidden(boardId, ids);
      let result: { revealed: string[]; skipped: string[] };
      try {
        result = await services.change(boardId, (doc) => revealItems(doc, taken));
      } catch (error) {
        // Nothing was created: put the items back rather than lose them.
        try {
          for (const item of taken) await queue.enqueueHidden(item);
        } catch (requeueError) {
          throw new AggregateError([error, requeueError], 'revealing failed and re-queueing too');
        }
        throw error;
      }
      if (taken.length > 0) await notifyQueue(boardId);
      return { ok: true, ...result };
    }),
  );
  add(
    SessionEvent.CollectDiscard,
    command(FACILITATOR, commandSchemas.ids, '{ ids: itemId[] }', async ({ boardId }, { ids }) => {
      const taken = await queue.takeHidden(boardId, ids);
      if (taken.length > 0) {
        await notifyQueue(boardId);
        const byAuthor = new Map<string, string[]>();
        for (const item of taken) {
          if (item.authorId)
            byAuthor.set(item.authorId, [...(byAuthor.get(item.authorId) ?? []), item.id]);
        }
        services.submissionsDiscarded(boardId, byAuthor);
      }
      return { ok: true, discarded: taken.length };
    }),
  );

  return commands;
}

function publicItem(item: HiddenItem): QueuedItem {
  return {
    id: item.id,
    kind: item.kind,
    parentId: item.parentId,
    content: item.content,
    servesId: item.servesId,
    authorName: item.authorName,
    submittedAt: item.submittedAt,
  };
}

const isCreatable = (kind: ItemKind): kind is CreatableKind => kind !== 'step' && kind !== 'link';

/** Whether a parent exists and may hold an item of `kind`. */
function parentAllowed(model: BoardModel, kind: ItemKind, parentId: string | null): boolean {
  const allowed = ITEM_PARENTS[kind];
  if (parentId === null) return allowed.includes(null);
  const parent = model.get(parentId);
  return parent !== undefined && allowed.includes(parent.kind);
}

/**
 * Checks a moderated submission against the session (collection on, a step open, a kind of
 * that step, nothing locked) and the board (parent); resolves the full content (defaults
 * filled in).
 */
function checkSubmission(
  model: BoardModel,
  kind: ItemKind,
  parentId: string | null,
  raw: Record<string, unknown>,
): Record<string, unknown> | SessionError {
  const session = model.session();
  if (!session.collect) return fail('forbidden', 'The facilitator is not collecting');
  if (session.openStep === null) return fail('forbidden', 'No step is open for participation');
  const kinds = PARTICIPATION_KINDS[session.openStep] ?? [];
  if (!kinds.includes(kind) || !isCreatable(kind)) {
    return fail('forbidden', `Items of kind ${kind} are not collected in this step`);
  }
  if (parentId !== null && !model.has(parentId)) return fail('not_found', 'No such parent');
  if (!parentAllowed(model, kind, parentId)) {
    return fail('bad_request', `A ${kind} cannot be placed there`);
  }
  if (session.lock.board) return fail('forbidden', 'The board is locked');
  const field = parentId === null ? null : model.fieldOf(parentId);
  if (field !== null && session.lock.fields.includes(field)) {
    return fail('forbidden', 'The field is locked');
  }
  const schema = itemContentSchemas[kind];
  const partial = z.strictObject(schema.partial().shape).safeParse(raw);
  if (!partial.success) return fail('bad_request', `Invalid content for a ${kind}`);
  const full = schema.safeParse({ ...ITEM_DEFAULTS[kind], ...partial.data });
  if (!full.success) return fail('bad_request', `Invalid content for a ${kind}`);
  return full.data as Record<string, unknown>;
}

/** A measure submitted under a goal names a goal of its own field; other kinds name none. */
function checkServes(
  model: BoardModel,
  kind: ItemKind,
  parentId: string | null,
  servesId: string | null,
): SessionError | null {
  if (servesId === null) return null;
  if (kind !== 'measure') return fail('bad_request', 'Only a measure serves a goal');
  const goal = model.get(servesId);
  if (goal === undefined) return fail('not_found', 'No such goal');
  if (goal.kind !== 'goal') return fail('bad_request', 'A measure serves a goal');
  if (model.fieldOf(servesId) !== parentId) {
    return fail('bad_request', 'The goal belongs to another field');
  }
  return null;
}

/**
 * Creates the revealed items in the doc (one transaction), each with its submitter as author;
 * a measure submitted under a goal serves that goal again, if the goal still exists.
 */
function revealItems(
  doc: Y.Doc,
  items: readonly HiddenItem[],
): { revealed: string[]; skipped: string[] } {
  const revealed: string[] = [];
  const skipped: string[] = [];
  doc.transact(() => {
    for (const item of items) {
      const model = new BoardModel(doc, { author: item.authorName, authorId: item.authorId });
      if (!isCreatable(item.kind) || !parentAllowed(model, item.kind, item.parentId)) {
        skipped.push(item.id);
        continue;
      }
      try {
        const id = model.create(item.kind, {
          parentId: item.parentId,
          content: item.content as never,
        });
        if (item.servesId !== null && model.get(item.servesId)?.kind === 'goal') {
          model.link('serves', id, item.servesId);
        }
        revealed.push(id);
      } catch (error) {
        // Content the model refuses (e.g. stored by an older version) cannot be shown.
        if (!(error instanceof ModelError) && !(error instanceof z.ZodError)) throw error;
        skipped.push(item.id);
      }
    }
  });
  return { revealed, skipped };
}
