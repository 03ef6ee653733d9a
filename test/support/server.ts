import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { createWerkraumServer } from '@werkraum/server';

type ServerOptions = NonNullable<Parameters<typeof createWerkraumServer>[0]>;

export async function makeDataDir(): Promise<string> {
  return mkdtemp(join(tmpdir(), 'werkraum-test-'));
}

export type Role = 'facilitator' | 'steering' | 'participant' | 'viewer';

export interface CreatedBoard {
  id: string;
  role: 'facilitator';
  links: Record<Role, { token: string; url: string }>;
}

/** The token of each role of a created board. */
export function tokens(board: CreatedBoard): Record<Role, string> {
  return {
    facilitator: board.links.facilitator.token,
    steering: board.links.steering.token,
    participant: board.links.participant.token,
    viewer: board.links.viewer.token,
  };
}

async function createBoardAt(baseUrl: string, input: { municipality: string; title: string }) {
  const response = await fetch(`${baseUrl}/api/boards`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(input),
  });
  if (response.status !== 201) {
    throw new Error(`create board: HTTP ${response.status} ${await response.text()}`);
  }
  return (await response.json()) as CreatedBoard;
}

/** A real Werkraum server in this process, on a free port, with its own SQLite data dir. */
export async function startServer(options: ServerOptions = {}) {
  const dataDir = options.dataDir ?? (await makeDataDir());
  const server = createWerkraumServer({
    host: '127.0.0.1',
    port: 0,
    logLevel: 'silent',
    serveWeb: false,
    unloadDelayMs: 0,
    ...options,
    dataDir,
  });
  const { url } = await server.listen();
  return {
    server,
    url,
    wsUrl: `${url.replace(/^http/, 'ws')}/yjs`,
    dataDir,
    createBoard: (input = { municipality: 'Landkreis Musterland', title: 'Testboard' }) =>
      createBoardAt(url, input),
    async close({ keepData = false } = {}) {
      await server.close();
      if (!keepData) await rm(dataDir, { recursive: true, force: true });
    },
  };
}

const require = createRequire(import.meta.url);
const serverMain = join(require.resolve('@werkraum/server'), '..', 'main.js');

/** The server as a child process (`node apps/server/dist/main.js`), for crash tests. */
export async function spawnServer({
  dataDir,
  env = {},
}: {
  dataDir: string;
  env?: NodeJS.ProcessEnv;
}) {
  const child: ChildProcess = spawn(process.execPath, [serverMain], {
    env: {
      ...process.env,
      PORT: '0',
      HOST: '127.0.0.1',
      DATA_DIR: dataDir,
      LOG_LEVEL: 'info',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const output: string[] = [];
  child.stderr?.on('data', (chunk: Buffer) => output.push(chunk.toString()));
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`server did not start:\n${output.join('')}`)),
      15_000,
    );
    const lines = createInterface({ input: child.stdout! });
    lines.on('line', (line) => {
      output.push(line);
      const match = /"url":"(http:\/\/[^"]+)"/.exec(line);
      if (match?.[1]) {
        clearTimeout(timer);
        resolve(match[1]);
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`server exited with ${code}:\n${output.join('\n')}`));
    });
  });
  const exited = new Promise<void>((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) resolve();
    else child.once('exit', () => resolve());
  });
  return {
    child,
    url,
    wsUrl: `${url.replace(/^http/, 'ws')}/yjs`,
    output,
    createBoard: (input = { municipality: 'Landkreis Musterland', title: 'Testboard' }) =>
      createBoardAt(url, input),
    async kill(signal: NodeJS.Signals = 'SIGKILL') {
      child.kill(signal);
      await exited;
    },
  };
}
