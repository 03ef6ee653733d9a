/** Markdown of the scale suite: scenarios side by side, ratios, join storm, cold load, memory. */
import type { MachineInfo } from './machine.js';
import type { ScaleResult } from './scale.js';
import type { BoardMemoryResult, ColdLoadResult, JoinStormResult } from './storm.js';
import { targetLabels, type TargetKind } from './targets.js';

const ms = (v: number | undefined): string =>
  v === undefined || !Number.isFinite(v) ? '–' : v.toFixed(1);
const pct = (v: number | undefined): string => (v === undefined ? '–' : `${v.toFixed(0)} %`);
const mib = (v: number | undefined): string =>
  v === undefined ? '–' : `${(v / 1024 ** 2).toFixed(1)} MiB`;
const int = (v: number): string => Math.round(v).toLocaleString('en-US');
const ratio = (a: number | undefined, b: number | undefined): string =>
  a === undefined || b === undefined || !Number.isFinite(a) || !Number.isFinite(b) || b === 0
    ? '–'
    : `${(a / b).toFixed(2)}×`;

export interface ScaleSuite {
  scenarios: { name: string; results: ScaleResult[] }[];
  storms: JoinStormResult[];
  cold: ColdLoadResult | undefined;
  memory: BoardMemoryResult | undefined;
  profiles: ScaleResult[];
  skipped: string[];
}

export function scenarioName(r: ScaleResult): string {
  const o = r.options;
  return `${o.boards} board(s) × ${o.clientsPerBoard} clients, ${o.editorsPerBoard} editing/board at ${o.editsPerSecond} edits/s, awareness ${o.awarenessHz > 0 ? `${o.awarenessHz} Hz` : 'off'}`;
}

export function consoleLine(r: ScaleResult): string {
  return `  ${r.options.target.padEnd(12)} p50/p95/p99/max ${ms(r.latency.p50)}/${ms(r.latency.p95)}/${ms(r.latency.p99)}/${ms(r.latency.max)} ms, undelivered ${r.undelivered}, server CPU ${pct(r.server.cpuPercent)}, LG CPU ${pct(r.loadGenerator.cpuPercent)}, others ${pct(r.machine.otherCpuPercent)}${r.ok ? '' : ` FAIL ${r.failures.join('; ')}`}`;
}

function scenarioTable(results: ScaleResult[]): string[] {
  const header = ['Metric', ...results.map((r) => targetLabels[r.options.target])];
  const byKind = (k: TargetKind): ScaleResult | undefined =>
    results.find((r) => r.options.target === k);
  const rows: [string, (r: ScaleResult) => string][] = [
    [
      'Latency p50 / p95 / p99 / max (ms)',
      (r) =>
        `${ms(r.latency.p50)} / ${ms(r.latency.p95)} / ${ms(r.latency.p99)} / ${ms(r.latency.max)}`,
    ],
    ['Undelivered (of expected)', (r) => `${int(r.undelivered)} (of ${int(r.expected)})`],
    [
      'Edits/s offered / achieved',
      (r) => `${int(r.edits.offeredPerSecond)} / ${int(r.edits.achievedPerSecond)}`,
    ],
    ['Delivered updates/s', (r) => int(r.deliveredUpdatesPerSecond)],
    ['Delivered frames/s (all kinds)', (r) => int(r.deliveredFramesPerSecond)],
    [
      'Bytes on the wire (payload, both ways)',
      (r) => `${(r.wire.bytesPerSecond / 1024 ** 2).toFixed(2)} MiB/s`,
    ],
    ['Server CPU (sum of processes)', (r) => pct(r.server.cpuPercent)],
    ['Server RSS peak (sum)', (r) => mib(r.server.peakRssBytes)],
    [
      'Server event-loop delay p99 / max (ms)',
      (r) =>
        r.server.loopDelay
          .map((l) => (l === undefined ? '–' : `${ms(l.p99)} / ${ms(l.max)}`))
          .join('; '),
    ],
    ['Redis + PostgreSQL CPU', (r) => pct(r.servicesCpuPercent)],
    [
      'presence:state events/s received',
      (r) => (r.presenceEventsPerSecond > 0 ? int(r.presenceEventsPerSecond) : '–'),
    ],
    ['Join (all clients synced)', (r) => `${int(r.joinMs)} ms`],
    [
      'Load generator CPU / loop p99',
      (r) =>
        `${pct(r.loadGenerator.cpuPercent)} / ${ms(r.loadGenerator.eventLoopDelayP99Ms)} ms${r.loadGenerator.saturated ? ' (saturated)' : ''}`,
    ],
    [
      'Other processes: load before / CPU in window',
      (r) =>
        `${r.machine.loadAverageBefore?.toFixed(2) ?? '–'} / ${pct(r.machine.otherCpuPercent)}`,
    ],
    [
      'Stock providers identical',
      (r) =>
        r.stockDocs.providers === 0
          ? '–'
          : r.stockDocs.identical
            ? `yes (${r.stockDocs.providers})`
            : 'NO',
    ],
    ['Result', (r) => (r.ok ? 'pass' : `FAIL: ${r.failures.join('; ')}`)],
  ];
  const lines = [
    `| ${header.join(' | ')} |`,
    `| ${header.map(() => '---').join(' | ')} |`,
    ...rows.map(([label, f]) => `| ${label} | ${results.map(f).join(' | ')} |`),
  ];
  const w = byKind('werkraum');
  const w2 = byKind('werkraum-2p');
  const ref = byKind('reference');
  const nul = byKind('null');
  const ratioRows: string[] = [];
  for (const [name, werk] of [
    ['Werkraum', w],
    ['Werkraum 2 processes', w2],
  ] as const) {
    if (werk === undefined) continue;
    ratioRows.push(
      `| ${name} / reference | ${ratio(werk.latency.p50, ref?.latency.p50)} | ${ratio(werk.latency.p99, ref?.latency.p99)} | ${ratio(werk.server.cpuPercent, ref?.server.cpuPercent)} | ${ratio(werk.server.peakRssBytes, ref?.server.peakRssBytes)} | ${ratio(werk.deliveredUpdatesPerSecond, ref?.deliveredUpdatesPerSecond)} |`,
      `| ${name} / null relay | ${ratio(werk.latency.p50, nul?.latency.p50)} | ${ratio(werk.latency.p99, nul?.latency.p99)} | ${ratio(werk.server.cpuPercent, nul?.server.cpuPercent)} | ${ratio(werk.server.peakRssBytes, nul?.server.peakRssBytes)} | ${ratio(werk.deliveredUpdatesPerSecond, nul?.deliveredUpdatesPerSecond)} |`,
    );
  }
  if (ratioRows.length > 0) {
    lines.push(
      '',
      '| Ratio | p50 | p99 | server CPU | server RSS | delivered updates/s |',
      '| --- | --- | --- | --- | --- | --- |',
      ...ratioRows,
    );
  }
  return lines;
}

export function formatScaleMarkdown(input: {
  machine: MachineInfo;
  command: string;
  generatedAt: string;
  suite: ScaleSuite;
  notes: string[];
  targets: string[];
}): string {
  const { machine, suite } = input;
  const out: string[] = [
    '# Benchmarks',
    '',
    `Generated by \`${input.command}\` at ${input.generatedAt} (rewritten on every run by \`test/bench/run.ts\`; the Findings section is \`test/bench/analysis.md\`).`,
    '',
    '## Machine and versions',
    '',
    `- ${machine.nproc} CPUs (${machine.cpuModel}), ${machine.memoryGiB.toFixed(1)} GiB memory, ${machine.os}`,
    `- Node ${machine.node}; ${Object.entries(machine.packages)
      .map(([n, v]) => `${n} ${v}`)
      .join(', ')}`,
    '',
    '## How it runs',
    '',
    '- `pnpm bench` (root) builds the server, then `pnpm --filter @werkraum/test bench`: the default subset below, about 5 minutes. `pnpm bench -- --full` runs the full matrix (clients per board 2 / 10 / 50 / 200 × boards 1 / 10 / 100 × 1 / 5 / 20 edits/s × awareness off / 1 Hz, at most 2,000 clients per run); `--quick` a tiny version of everything (development); `--no-cluster` skips the 2-process runs; `--propagation` the older stock-provider propagation matrix; `--clients/--editors/--rate/--seconds` one propagation run (`runPropagationBench`).',
    '- Everything on loopback. Each server is its own child process pinned with `taskset` to the first CPU, the load generator (this process: raw clients, stock providers, socket.io clients) to the second; Redis and PostgreSQL are system services and not pinned (their CPU is listed). Before each run the benchmark waits up to `--wait-idle` seconds (default 5) for the other processes to use < 30 % of a core and records their CPU in the window.',
    '- **Targets**: the **null relay** (`test/bench/ref-server.mjs null`: ws, every document/awareness frame sent unchanged to all other clients of the room — the ceiling of ws here), the **reference** (`ref-server.mjs yws`: `setupWSConnection` of `@y/websocket-server` 0.1.1 on ws, in-memory), **Werkraum** (`apps/server/dist/main.js`, SQLite in a temp dir, group commit before relay, role checks, awareness, socket.io presence), and **Werkraum 2 processes** (same, `REDIS_URL` + `DATABASE_URL`, a per-run database `werkraum_bench_<random>` dropped afterwards and a per-run Redis prefix whose keys are deleted afterwards; clients alternate between the processes).',
    '- **Load**: raw-protocol clients (`test/bench/raw-client.ts`). Editors are **participants** (participant link + an author secret) that create **need** items while step 3 is open (opened by `session:openStep` with the facilitator token over socket.io), so Werkraum runs its per-role check (`authorizeChange` on the shadow doc) on every edit. The need text carries `sender|seq|send time`; receivers keep no Y.Doc and find that marker in the update bytes. With awareness on, every client sends an awareness update at the given rate, and on Werkraum every client also holds a socket.io session (`board:join`, then `presence:update` every 5 s). 3 stock `y-websocket` providers join board 0; their final docs must be identical and hold every edit of that board.',
    '- **Measured**: latency = receive time − send time of every edit at every recipient (same clock), over the edits sent in the measured window (after a warm-up); undelivered = edits × recipients − deliveries after a drain; server CPU and RSS from /proc; the server event-loop delay from a preloaded probe (`test/bench/loop-probe.mjs`, `monitorEventLoopDelay`, read with SIGUSR2 — the server code is untouched; `/api/health` has no such field); bytes = WebSocket payload bytes sent and received by the clients (no framing/TCP overhead); delivered frames/s = all frames the clients received (updates, awareness, sync).',
    '',
  ];
  if (input.targets.length > 0) out.push('## Targets (from the issue)', '', ...input.targets, '');
  if (input.notes.length > 0) out.push('## Findings', '', ...input.notes, '');

  out.push('## Propagation (side by side)', '');
  for (const scenario of suite.scenarios) {
    const first = scenario.results[0];
    out.push(`### ${scenario.name}`, '');
    if (first !== undefined) {
      out.push(
        `${scenarioName(first)}; ${first.options.seconds} s measured after ${first.options.warmupSeconds} s warm-up; ${int(first.clients)} raw clients + ${first.options.stockProviders} stock providers; pinning: server CPU ${first.pinning.server ?? '–'}, load generator CPU ${first.pinning.loadGenerator ?? '–'}.`,
        '',
      );
    }
    out.push(...scenarioTable(scenario.results), '');
  }

  if (suite.storms.length > 0) {
    out.push(
      '## Join storm',
      '',
      'The board is filled through the document channel, the filling client stays connected, then all clients connect at once and ask for the full state.',
      '',
      '| Target | Clients | State bytes | All synced | Per client p50 / p95 / max | Server RSS before | Peak RSS growth | Server CPU |',
      '| --- | --- | --- | --- | --- | --- | --- | --- |',
      ...suite.storms.map(
        (s) =>
          `| ${targetLabels[s.target]} | ${s.clients} | ${int(s.stateBytes)} | ${int(s.allSyncedMs)} ms | ${int(s.perClient.p50)} / ${int(s.perClient.p95)} / ${int(s.perClient.max)} ms | ${mib(s.rssBeforeBytes)} | ${mib(s.peakRssGrowthBytes)} | ${pct(s.serverCpuPercent)} |${s.failures.length > 0 ? ` ${s.failures.join('; ')}` : ''}`,
      ),
      '',
    );
  }
  if (suite.cold !== undefined) {
    const c = suite.cold;
    out.push(
      '## Cold load',
      '',
      `A board created through the API; then ${int(c.updates)} small updates (${int(c.storedUpdateBytes)} bytes; every 100th creates a need, the others type one character) appended straight into its SQLite file with \`SqliteBoardStore\` from \`@werkraum/server\`; server restarted. Full state ${int(c.stateBytes)} bytes.`,
      '',
      '| First connection → synced (cold: token check, load, step 2) | Second connection (board loaded) |',
      '| --- | --- |',
      `| ${int(c.firstSyncMs)} ms | ${ms(c.warmSyncMs)} ms |`,
      '',
    );
  }
  if (suite.memory !== undefined) {
    const m = suite.memory;
    out.push(
      '## Memory per loaded board',
      '',
      `${m.boards} boards filled to ~${int(m.stateBytesPerBoard)} bytes of state each, server restarted, one participant connection per board (no edits, so no shadow doc).`,
      '',
      '| RSS before / after | RSS per board | Per board / state bytes |',
      '| --- | --- | --- |',
      `| ${mib(m.rssBeforeBytes)} / ${mib(m.rssAfterBytes)} | ${mib(m.bytesPerBoard)} | ${m.ratio.toFixed(1)}× |`,
      '',
    );
  }
  for (const p of suite.profiles) {
    out.push(
      `## CPU profile: ${p.options.boards} board(s) × ${p.options.clientsPerBoard} clients`,
      '',
      `\`node --cpu-prof\` on the Werkraum server during: ${scenarioName(p)} (${p.options.seconds} s). Latency under the profiler p99 ${ms(p.latency.p99)} ms. Top functions by self time over the whole process life (start-up included), as % of its busy (non-idle) samples:`,
      '',
      '| Function | Where | Self ms | % of busy samples |',
      '| --- | --- | --- | --- |',
      ...(p.profile ?? []).map(
        (f) =>
          `| \`${f.name}\` | ${f.where || '(native)'} | ${int(f.selfMs)} | ${f.percent.toFixed(1)} % |`,
      ),
      '',
    );
  }
  if (suite.skipped.length > 0)
    out.push('## Skipped', '', ...suite.skipped.map((s) => `- ${s}`), '');
  return out.join('\n');
}
