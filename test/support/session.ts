import { io, type Socket } from 'socket.io-client';

export type Ack<T = Record<string, unknown>> =
  ({ ok: true } & T) | { ok: false; error: { code: string; message: string } };

/** A socket.io session-channel client, authenticated with a board link's token. */
export async function connectSession(
  url: string,
  auth: { boardId: string; token: string },
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
