import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { makeTempDir } from './testing/helpers.js';

const mainFile = fileURLToPath(new URL('./main.ts', import.meta.url));
const tsxLoader = createRequire(import.meta.url).resolve('tsx');

function startMain(env: Record<string, string>) {
  const child = spawn(process.execPath, ['--import', tsxLoader, mainFile], {
    env: { PATH: process.env.PATH ?? '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  const listening = new Promise<string>((resolve, reject) => {
    const onData = () => {
      const line = stdout.split('\n').find((l) => l.includes('"msg":"listening"'));
      if (line) resolve((JSON.parse(line) as { url: string }).url);
    };
    child.stdout.on('data', onData);
    void exited.then((code) => reject(new Error(`exited with ${code}: ${stderr}`)));
  });
  return { child, listening, exited, output: () => ({ stdout, stderr }) };
}

describe('main (node dist/main.js)', () => {
  let dir: string;
  let cleanup: () => Promise<void>;
  beforeEach(async () => ({ dir, cleanup } = await makeTempDir()));
  afterEach(() => cleanup());

  it('starts on PORT=0, logs the URL, serves the API and exits 0 on SIGTERM', async () => {
    const main = startMain({ PORT: '0', HOST: '127.0.0.1', DATA_DIR: dir, SERVE_WEB: 'false' });
    const url = await main.listening;
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const res = await fetch(`${url}/api/boards`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ municipality: 'Musterstadt', title: 'Strategie' }),
    });
    expect(res.status).toBe(201);
    main.child.kill('SIGTERM');
    expect(await main.exited).toBe(0);
    expect(main.output().stdout).toContain('"msg":"closed"');
    expect(main.output().stdout).not.toContain(((await res.json()) as { id: string }).id);
  });

  it('exits 2 with a clear message on invalid configuration', async () => {
    const main = startMain({ PORT: 'eighty', DATA_DIR: dir });
    expect(await main.exited).toBe(2);
    expect(main.output().stderr).toContain('PORT="eighty"');
    await expect(main.listening).rejects.toThrow();
  });

  it('fails the start with a clear message when Redis does not answer, without its password', async () => {
    const main = startMain({
      PORT: '0',
      HOST: '127.0.0.1',
      DATA_DIR: dir,
      SERVE_WEB: 'false',
      // Port 1 on loopback: nothing listens there, the clients keep retrying.
      REDIS_URL: 'redis://:geheim-123@127.0.0.1:1',
      REDIS_CONNECT_TIMEOUT_MS: '500',
    });
    expect(await main.exited).toBe(1);
    const { stdout, stderr } = main.output();
    expect(stdout + stderr).toContain('did not answer within 500 ms; check REDIS_URL');
    expect(stdout + stderr).not.toContain('geheim-123');
    await expect(main.listening).rejects.toThrow();
  });
});
