import { io, type Socket } from 'socket.io-client';

export type Ack<T = Record<string, unknown>> =
  ({ ok: true } & T) | { ok: false; error: { code: string; message: string } };

/** A socket.io session-channel client, authenticated with a board link's token. */
export async function connectSession(
  url: string,
  auth: { boardId: string; token: string; author?: string },
): Promise<Socket> {
  const socket = io(url, {
    path: '/socket.io',
    transports: ['websocket'],
    auth,
    reconnection: false,
    forceNew: true,
  });
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('socket.io connect timed out')), 5_000);
    socket.once('connect', () => {
      clearTimeout(timer);
      resolve();
    });
    socket.once('connect_error', (error) => {
      clearTimeout(timer);
      socket.close();
      reject(error);
    });
  });
  return socket;
}

/** Emits `event` and resolves with the server's acknowledgement. */
export function request<T = Record<string, unknown>>(
  socket: Socket,
  event: string,
  payload: unknown,
): Promise<Ack<T>> {
  return socket.timeout(5_000).emitWithAck(event, payload) as Promise<Ack<T>>;
}

/** Records every event the server sends to `socket`, in order. */
export function recordEvents(socket: Socket): { event: string; args: unknown[] }[] {
  const events: { event: string; args: unknown[] }[] = [];
  socket.onAny((event: string, ...args: unknown[]) => events.push({ event, args }));
  return events;
}

export interface PresenceState {
  boardId: string;
  counts: Record<'facilitator' | 'steering' | 'participant' | 'viewer' | 'total', number>;
  people?: { id: string; name: string; role: string; color: string; editing: string | null }[];
}

/** The latest `presence:state` a socket received (updated as they arrive). */
export function trackPresence(socket: Socket): { current: PresenceState | null } {
  const state: { current: PresenceState | null } = { current: null };
  socket.on('presence:state', (next: PresenceState) => (state.current = next));
  return state;
}
