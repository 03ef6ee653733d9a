/** Description of the machine and software a benchmark ran on. */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { availableParallelism, totalmem } from 'node:os';
import { resolve } from 'node:path';
import { repoRoot } from './propagation.js';

export interface MachineInfo {
  nproc: number;
  cpuModel: string;
  memoryGiB: number;
  os: string;
  node: string;
  packages: Record<string, string>;
}

function packageVersion(name: string): string {
  try {
    const json = readFileSync(
      resolve(repoRoot, 'test', 'node_modules', name, 'package.json'),
      'utf8',
    );
    return (JSON.parse(json) as { version?: string }).version ?? 'unknown';
  } catch {
    return 'unknown';
  }
}

export function machineInfo(): MachineInfo {
  const nprocOut = spawnSync('nproc', { encoding: 'utf8', timeout: 2_000 });
  const nproc = Number.parseInt(nprocOut.stdout ?? '', 10);
  let cpuModel = 'unknown';
  try {
    const match = /^model name\s*:\s*(.+)$/m.exec(readFileSync('/proc/cpuinfo', 'utf8'));
    if (match?.[1]) cpuModel = match[1].trim();
  } catch {
    // not Linux
  }
  const uname = spawnSync('uname', ['-sr'], { encoding: 'utf8', timeout: 2_000 });
  return {
    nproc: Number.isFinite(nproc) ? nproc : availableParallelism(),
    cpuModel,
    memoryGiB: totalmem() / 1024 ** 3,
    os: (uname.stdout ?? '').trim() || process.platform,
    node: process.version,
    packages: Object.fromEntries(
      ['yjs', 'y-websocket', 'ws', 'y-protocols'].map((n) => [n, packageVersion(n)]),
    ),
  };
}
