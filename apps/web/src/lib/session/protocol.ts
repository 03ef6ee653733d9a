import type { ItemKind, Role, SessionSettings } from '@werkraum/model';

/**
 * The live-session wire contract (docs/live-session.md) as the web app sees it: the events it
 * sends with their payloads and acknowledgements, and the events the server pushes.
 */

export type SessionErrorCode =
  | 'bad_request'
  | 'forbidden'
  | 'not_found'
  | 'rate_limited'
  | 'internal'
  /** Client side: no answer in time (offline, server gone). */
  | 'unavailable';

export interface SessionError {
  ok: false;
  error: { code: SessionErrorCode; message: string };
}

export type Ack<T extends object> = ({ ok: true } & T) | SessionError;

export type FocusTarget = { kind: 'step' | 'field' | 'item'; id: string };
export type LockPayload = ({ scope: 'board' } | { scope: 'field'; fieldId: string }) & {
  locked: boolean;
};

/** An item waiting in the moderation queue (facilitator only). */
export interface HiddenItem {
  id: string;
  kind: ItemKind;
  parentId: string | null;
  content: Record<string, unknown>;
  /** A measure submitted under a goal: the goal it will serve. */
  servesId: string | null;
  authorName: string;
  submittedAt: number;
}

export interface PresencePerson {
  id: string;
  name: string;
  role: Role;
  color: string;
  editing: string | null;
}

export interface PresenceCounts {
  facilitator: number;
  steering: number;
  participant: number;
  viewer: number;
  total: number;
}

export interface PresenceState {
  boardId: string;
  counts: PresenceCounts;
  /** Only for facilitator and steering group. */
  people?: PresencePerson[];
}

export interface VoteBallotAck {
  mine: string[];
  remaining: number;
}

type SessionAck = { session: SessionSettings };
type Empty = Record<string, never>;

/** Client → server: payload and the fields of a successful acknowledgement. */
export interface ClientEvents {
  'board:join': [Empty, { role: Role; participants: number }];
  'presence:update': [{ name: string; color: string; editing: string | null }, object];
  'clock:sync': [Empty, { serverTime: number }];
  'session:openStep': [{ step: number | null }, SessionAck];
  'session:setEditAll': [{ allowed: boolean }, SessionAck];
  'session:agenda': [{ text: string }, SessionAck];
  'session:focus': [{ target: FocusTarget | null }, SessionAck];
  'session:lock': [LockPayload, SessionAck];
  'session:collect': [{ enabled: boolean }, SessionAck];
  'timer:start': [{ minutes: number }, SessionAck];
  'timer:pause': [Empty, SessionAck];
  'timer:resume': [Empty, SessionAck];
  'timer:reset': [Empty, SessionAck];
  'timer:add': [{ minutes: number }, SessionAck];
  'vote:start': [{ fieldId: string; dotsPerPerson: number }, SessionAck];
  'vote:cast': [{ itemId: string }, VoteBallotAck];
  'vote:retract': [{ itemId: string }, VoteBallotAck];
  'vote:mine': [Empty, VoteBallotAck];
  'vote:reveal': [Empty, SessionAck];
  'vote:cancel': [Empty, SessionAck];
  'collect:submit': [
    {
      kind: ItemKind;
      parentId: string | null;
      content: Record<string, string>;
      servesId?: string | null;
    },
    { id: string },
  ];
  'collect:list': [Empty, { items: HiddenItem[] }];
  'collect:reveal': [{ ids: string[] }, { revealed: string[] }];
  'collect:discard': [{ ids: string[] }, { discarded: number }];
}

export type ClientEventName = keyof ClientEvents;
export type PayloadOf<E extends ClientEventName> = ClientEvents[E][0];
export type AckOf<E extends ClientEventName> = Ack<ClientEvents[E][1]>;

/** Server → client. */
export interface ServerEvents {
  'presence:state': (state: PresenceState) => void;
  'collect:queue': (event: { boardId: string; count: number }) => void;
  'collect:discarded': (event: { boardId: string; ids: string[] }) => void;
  'versions:changed': (event: { boardId: string }) => void;
  'board:closed': (event: { reason: 'revoked' | 'deleted' }) => void;
}

/** Whether a value looks like an acknowledgement (the server answers every event with one). */
export function isAck(value: unknown): value is { ok: boolean } {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as { ok?: unknown }).ok === 'boolean'
  );
}
