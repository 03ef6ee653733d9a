/**
 * Reference servers for the scale benchmark, each run in its own process:
 *
 *   node ref-server.mjs yws   — the stock y-websocket server: `setupWSConnection` of
 *                               `@y/websocket-server` on a `ws` server (in-memory docs);
 *   node ref-server.mjs null  — a null relay: every document or awareness frame a client sends
 *                               is sent unchanged to all other clients of the same URL path (its
 *                               "room"), except an awareness state whose clock is not newer than
 *                               one already relayed; a joining client gets an empty sync step 2
 *                               at once. No doc, no storage, no checks: the ceiling of ws here.
 *
 * Listens on $HOST:$PORT (PORT=0: any free port) and logs `{"msg":"listening","url":…}`.
 */
import http from 'node:http';
import { WebSocketServer } from 'ws';

const mode = process.argv[2] ?? 'yws';
const host = process.env.HOST || '127.0.0.1';
const port = Number.parseInt(process.env.PORT || '0', 10);

const server = http.createServer((_request, response) => {
  response.writeHead(200, { 'Content-Type': 'text/plain' });
  response.end('okay');
});
const wss = new WebSocketServer({ noServer: true, maxPayload: 64 * 1024 * 1024 });

if (mode === 'yws') {
  const { setupWSConnection } = await import('@y/websocket-server/utils');
  wss.on('connection', (ws, request) => setupWSConnection(ws, request));
} else if (mode === 'null') {
  /** room (URL path) → its sockets */
  const rooms = new Map();
  // messageSync(0), syncStep2(1), an empty update (0 structs, 0 delete-set clients), length 2
  const emptyStep2 = Uint8Array.of(0, 1, 2, 0, 0);
  /** room → awareness client id → highest clock relayed */
  const clocks = new Map();
  /**
   * Stock providers re-send every awareness change they hear, including other clients'; a real
   * server drops such a repeat (clock not newer), so the relay must too, else it multiplies.
   * Looks at the first state of the update only (clients send their own, one at a time).
   */
  const newAwareness = (room, bytes) => {
    let pos = 1;
    const readVarUint = () => {
      let num = 0;
      let mult = 1;
      for (;;) {
        const byte = bytes[pos++];
        if (byte === undefined) return -1;
        num += (byte & 0x7f) * mult;
        if (byte < 0x80) return num;
        mult *= 128;
      }
    };
    readVarUint(); // length of the awareness update
    if (readVarUint() < 1) return false;
    const client = readVarUint();
    const clock = readVarUint();
    let known = clocks.get(room);
    if (known === undefined) clocks.set(room, (known = new Map()));
    if ((known.get(client) ?? -1) >= clock) return false;
    known.set(client, clock);
    return true;
  };
  wss.on('connection', (ws, request) => {
    const room = (request.url ?? '/').split('?')[0];
    let members = rooms.get(room);
    if (members === undefined) rooms.set(room, (members = new Set()));
    members.add(ws);
    ws.send(emptyStep2);
    ws.on('message', (data, isBinary) => {
      if (!isBinary) return;
      const bytes = /** @type {Buffer} */ (data);
      // Relay document updates (0, 2) and awareness (1); a client's sync step 1 / 2 has no peer.
      const relay =
        (bytes[0] === 0 && bytes[1] === 2) || (bytes[0] === 1 && newAwareness(room, bytes));
      if (!relay) return;
      for (const other of members) if (other !== ws) other.send(bytes);
    });
    ws.on('close', () => {
      members.delete(ws);
      if (members.size === 0) {
        rooms.delete(room);
        clocks.delete(room);
      }
    });
  });
} else {
  console.error(`unknown mode ${mode}`);
  process.exit(2);
}

server.on('upgrade', (request, socket, head) => {
  wss.handleUpgrade(request, socket, head, (ws) => wss.emit('connection', ws, request));
});
server.listen(port, host, () => {
  const address = server.address();
  const actual = typeof address === 'object' && address !== null ? address.port : port;
  console.log(
    JSON.stringify({ level: 30, msg: 'listening', mode, url: `http://${host}:${actual}` }),
  );
});
const shutdown = () => {
  for (const ws of wss.clients) ws.terminate();
  server.close(() => process.exit(0));
  setTimeout(() => process.exit(0), 1000).unref();
};
process.on('SIGTERM', shutdown);
process.on('SIGINT', shutdown);
