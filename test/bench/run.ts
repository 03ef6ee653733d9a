/**
 * `pnpm bench`: runs the propagation benchmark (see propagation.ts) once with the given flags, or
 * the default matrix without them, prints the results and rewrites docs/benchmarks.md.
 */
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { machineInfo } from './machine.js';
import { machineBusyCpuSeconds } from './proc.js';
import {
  type PropagationBenchOptions,
  type PropagationBenchResult,
  repoRoot,
  runPropagationBench,
} from './propagation.js';
import { formatConsole, formatMarkdown } from './report.js';
import { runScaleBench, type ScaleOptions, type ScaleResult } from './scale.js';
import { consoleLine, formatScaleMarkdown, scenarioName, type ScaleSuite } from './scale-report.js';
import { runBoardMemory, runColdLoad, runJoinStorm } from './storm.js';
import type { TargetKind } from './targets.js';

const usage = `Usage: pnpm bench [--full] [--quick] [--no-cluster] [--out FILE] [--no-write] [--no-pin] [--wait-idle S]
       pnpm bench --propagation          the stock-provider propagation matrix (10, 50, 200 clients)
       pnpm bench [--clients N] [--editors N] [--rate E] [--seconds S] [--warmup S]
                                         one propagation run (runPropagationBench)
Without those flags the scale suite runs: null relay, reference y-websocket server and Werkraum
(1 process; 2 processes + Redis + PostgreSQL) side by side, join storm, cold load, memory per
board, and CPU profiles of the two target cases (~5 minutes; --full: the whole matrix; --quick: a
tiny version of everything, for development).`;

/** Stop adding matrix runs once this much time has passed (keeps `pnpm bench` short). */
const matrixBudgetMs = 120_000;

/**
 * Waits (up to `maxSeconds`) until the other processes on the machine use less than `thresholdPercent`
 * of one core, measured over 1 s windows. Returns the last measured busy %, or undefined.
 */
async function waitForIdleMachine(
  maxSeconds: number,
  thresholdPercent = 30,
): Promise<number | undefined> {
  const deadline = performance.now() + maxSeconds * 1000;
  let busyPercent: number | undefined;
  do {
    const before = machineBusyCpuSeconds();
    const self = process.cpuUsage();
    await new Promise((r) => setTimeout(r, 1000));
    const after = machineBusyCpuSeconds();
    const selfUsed = process.cpuUsage(self);
    if (before === undefined || after === undefined) return undefined;
    busyPercent = (after - before - (selfUsed.user + selfUsed.system) / 1e6) * 100;
    if (busyPercent < thresholdPercent) return busyPercent;
  } while (performance.now() < deadline);
  return busyPercent;
}

/** Formats the report like `pnpm format` would, so `format:check` stays green; raw if unavailable. */
async function formatWithPrettier(markdown: string, file: string): Promise<string> {
  try {
    const prettier = await import('prettier');
    const config = await prettier.resolveConfig(file);
    return await prettier.format(markdown, { ...config, filepath: file });
  } catch {
    return markdown;
  }
}

function numberFlag(name: string, flag: string | undefined, envName: string): number | undefined {
  const raw = flag ?? process.env[envName];
  if (raw === undefined || raw === '') return undefined;
  const value = Number(raw);
  if (!Number.isFinite(value))
    throw new Error(`--${name} expects a number, got ${JSON.stringify(raw)}`);
  return value;
}

async function main(): Promise<number> {
  const argv = process.argv.slice(2).filter((arg) => arg !== '--');
  const { values } = parseArgs({
    args: argv,
    options: {
      clients: { type: 'string' },
      editors: { type: 'string' },
      rate: { type: 'string' },
      seconds: { type: 'string' },
      warmup: { type: 'string' },
      out: { type: 'string' },
      'no-write': { type: 'boolean' },
      'no-pin': { type: 'boolean' },
      'wait-idle': { type: 'string' },
      full: { type: 'boolean' },
      quick: { type: 'boolean' },
      propagation: { type: 'boolean' },
      'no-cluster': { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
    strict: true,
  });
  if (values.help) {
    console.log(usage);
    return 0;
  }
  const clients = numberFlag('clients', values.clients, 'BENCH_CLIENTS');
  const editors = numberFlag('editors', values.editors, 'BENCH_EDITORS');
  const rate = numberFlag('rate', values.rate, 'BENCH_RATE');
  const seconds = numberFlag('seconds', values.seconds, 'BENCH_SECONDS');
  const warmup = numberFlag('warmup', values.warmup, 'BENCH_WARMUP');
  const write = !values['no-write'];
  const outFile = resolve(repoRoot, values.out ?? process.env.BENCH_OUT ?? 'docs/benchmarks.md');
  const single = [clients, editors, rate, seconds].some((v) => v !== undefined);
  if (!single && !values.propagation) {
    return runScaleSuite({
      full: values.full === true,
      quick: values.quick === true,
      cluster: !values['no-cluster'],
      pin: !values['no-pin'],
      waitIdle: numberFlag('wait-idle', values['wait-idle'], 'BENCH_WAIT_IDLE') ?? 5,
      write,
      outFile,
      argv,
    });
  }
  const waitIdle = numberFlag('wait-idle', values['wait-idle'], 'BENCH_WAIT_IDLE') ?? 20;

  const common: PropagationBenchOptions = {
    pin: !values['no-pin'],
    log: (line) => console.log(`  · ${line}`),
    ...(warmup === undefined ? {} : { warmupSeconds: warmup }),
  };
  const plan: PropagationBenchOptions[] = single
    ? [{ ...common, clients, editors, editsPerSecond: rate, seconds }]
    : [
        ...[10, 50, 200].map((n) => ({ ...common, clients: n, editsPerSecond: 5, seconds: 10 })),
        // 20 % of 200 clients saturates a single load-generator core (every provider applies every
        // edit); the same audience with 10 editors keeps the load generator out of the way.
        { ...common, clients: 200, editors: 10, editsPerSecond: 5, seconds: 10 },
      ];
  // Drop undefined so that the defaults of runPropagationBench apply.
  const cleaned = plan.map(
    (o) =>
      Object.fromEntries(
        Object.entries(o).filter(([, v]) => v !== undefined),
      ) as PropagationBenchOptions,
  );

  const started = performance.now();
  const results: PropagationBenchResult[] = [];
  const skipped: string[] = [];
  for (const options of cleaned) {
    if (!single && results.length > 0 && performance.now() - started > matrixBudgetMs) {
      skipped.push(
        `${options.clients} clients (matrix time budget of ${matrixBudgetMs / 1000} s used up)`,
      );
      continue;
    }
    console.log(
      `\n▶ propagation: ${options.clients ?? 50} clients${options.editors === undefined ? '' : `, ${options.editors} editors`}`,
    );
    if (waitIdle > 0) {
      const busy = await waitForIdleMachine(waitIdle);
      if (busy !== undefined && busy >= 30) {
        console.log(
          `  · machine still busy (${busy.toFixed(0)} % of a core used by other processes); running anyway`,
        );
      }
    }
    const result = await runPropagationBench(options);
    console.log(formatConsole(result));
    results.push(result);
  }

  const failed = results.filter((r) => !r.ok);
  if (write) {
    const command = `pnpm bench${argv.length > 0 ? ` ${argv.join(' ')}` : ''}`;
    const markdown = formatMarkdown({
      machine: machineInfo(),
      command,
      generatedAt: new Date().toISOString().replace(/\.\d+Z$/, 'Z'),
      results,
      skipped,
    });
    await mkdir(dirname(outFile), { recursive: true });
    await writeFile(outFile, await formatWithPrettier(markdown, outFile));
    console.log(`\nwrote ${outFile}`);
  }
  console.log(
    `\n${failed.length === 0 ? 'PASS' : 'FAIL'}: ${results.length} run(s) in ${((performance.now() - started) / 1000).toFixed(0)} s`,
  );
  return failed.length === 0 ? 0 : 1;
}

interface SuiteFlags {
  full: boolean;
  quick: boolean;
  cluster: boolean;
  pin: boolean;
  waitIdle: number;
  write: boolean;
  outFile: string;
  argv: string[];
}

interface PlannedScenario {
  name: string;
  targets: TargetKind[];
  options: Omit<ScaleOptions, 'target'>;
}

function plannedScenarios(flags: SuiteFlags): PlannedScenario[] {
  const all: TargetKind[] = [
    'null',
    'reference',
    'werkraum',
    ...(flags.cluster ? (['werkraum-2p'] as const) : []),
  ];
  const single: TargetKind[] = ['null', 'reference', 'werkraum'];
  const timing = flags.quick
    ? { seconds: 1, warmupSeconds: 0.5 }
    : { seconds: 5, warmupSeconds: 1 };
  if (flags.quick) {
    return [
      {
        name: 'Quick: 1 board × 10 clients',
        targets: all,
        options: { ...timing, boards: 1, clientsPerBoard: 10, editsPerSecond: 5, awarenessHz: 1 },
      },
      {
        name: 'Quick: 5 boards × 4 clients',
        targets: single,
        options: { ...timing, boards: 5, clientsPerBoard: 4, editsPerSecond: 5 },
      },
    ];
  }
  const plan: PlannedScenario[] = [
    {
      name: 'Target case: 200 clients on one board, 40 editing at 12 edits/s, awareness 1 Hz',
      targets: all,
      options: {
        ...timing,
        boards: 1,
        clientsPerBoard: 200,
        editorsPerBoard: 40,
        editsPerSecond: 12,
        awarenessHz: 1,
      },
    },
    {
      name: 'Target case: 100 boards × 10 clients on one process, 25 % editing at 5 edits/s',
      targets: single,
      options: {
        ...timing,
        boards: 100,
        clientsPerBoard: 10,
        editsPerSecond: 5,
        awarenessHz: 0,
        connectStaggerMs: 1,
      },
    },
    {
      name: '200 clients on one board, 10 editing at 5 edits/s, awareness off (a load this machine can carry)',
      targets: single,
      options: {
        ...timing,
        boards: 1,
        clientsPerBoard: 200,
        editorsPerBoard: 10,
        editsPerSecond: 5,
        awarenessHz: 0,
      },
    },
    {
      name: '50 clients on one board, 25 % editing at 5 edits/s, awareness 1 Hz',
      targets: single,
      options: { ...timing, boards: 1, clientsPerBoard: 50, editsPerSecond: 5, awarenessHz: 1 },
    },
  ];
  if (!flags.full) return plan;
  for (const clientsPerBoard of [2, 10, 50, 200]) {
    for (const boards of [1, 10, 100]) {
      if (clientsPerBoard * boards > 2000) continue;
      for (const editsPerSecond of [1, 5, 20]) {
        for (const awarenessHz of [0, 1]) {
          plan.push({
            name: `Matrix: ${boards} board(s) × ${clientsPerBoard} clients, 25 % at ${editsPerSecond} edits/s, awareness ${awarenessHz > 0 ? '1 Hz' : 'off'}`,
            targets: single,
            options: {
              ...timing,
              boards,
              clientsPerBoard,
              editsPerSecond,
              awarenessHz,
              connectStaggerMs: boards * clientsPerBoard > 500 ? 1 : 2,
            },
          });
        }
      }
    }
  }
  return plan;
}

async function runScaleSuite(flags: SuiteFlags): Promise<number> {
  const started = performance.now();
  const log = (line: string): void => console.log(`  · ${line}`);
  const idle = async (): Promise<void> => {
    if (flags.waitIdle <= 0) return;
    const busy = await waitForIdleMachine(flags.waitIdle);
    if (busy !== undefined && busy >= 30) {
      console.log(
        `  · machine still busy (${busy.toFixed(0)} % of a core used by other processes); running anyway`,
      );
    }
  };
  const suite: ScaleSuite = {
    scenarios: [],
    storms: [],
    cold: undefined,
    memory: undefined,
    profiles: [],
    skipped: [],
  };
  const failures: string[] = [];
  const safely = async <T>(what: string, run: () => Promise<T>): Promise<T | undefined> => {
    try {
      return await run();
    } catch (error) {
      const message = error instanceof Error ? error.message.split('\n')[0] : String(error);
      console.log(`  ✗ ${what}: ${message}`);
      failures.push(`${what}: ${message}`);
      suite.skipped.push(`${what}: could not run (${message})`);
      return undefined;
    }
  };

  for (const scenario of plannedScenarios(flags)) {
    console.log(`\n▶ ${scenario.name}`);
    const results: ScaleResult[] = [];
    for (const target of scenario.targets) {
      await idle();
      const result = await safely(`${scenario.name} on ${target}`, () =>
        runScaleBench({ ...scenario.options, target, pin: flags.pin, log }),
      );
      if (result === undefined) continue;
      console.log(consoleLine(result));
      if (!result.ok)
        failures.push(`${scenarioName(result)} on ${target}: ${result.failures.join('; ')}`);
      results.push(result);
    }
    suite.scenarios.push({ name: scenario.name, results });
  }

  const stormSizes = flags.quick ? [200_000] : [1_000_000, 5_000_000];
  const stormClients = flags.quick ? 20 : 100;
  for (const bytes of stormSizes) {
    for (const target of ['werkraum', 'reference'] as const) {
      console.log(`\n▶ join storm: ${stormClients} clients, ${bytes / 1e6} MB board, ${target}`);
      await idle();
      const storm = await safely(`join storm ${bytes} bytes on ${target}`, () =>
        runJoinStorm({ target, bytes, clients: stormClients, log }),
      );
      if (storm === undefined) continue;
      console.log(
        `  all synced after ${storm.allSyncedMs.toFixed(0)} ms, peak RSS growth ${((storm.peakRssGrowthBytes ?? 0) / 1024 ** 2).toFixed(1)} MiB`,
      );
      suite.storms.push(storm);
    }
  }

  console.log(`\n▶ cold load`);
  await idle();
  suite.cold = await safely('cold load', () =>
    runColdLoad({ updates: flags.quick ? 10_000 : 100_000, log }),
  );
  if (suite.cold)
    console.log(
      `  first sync after ${suite.cold.firstSyncMs.toFixed(0)} ms (warm ${suite.cold.warmSyncMs.toFixed(1)} ms)`,
    );

  console.log(`\n▶ memory per loaded board`);
  await idle();
  suite.memory = await safely('memory per board', () =>
    runBoardMemory(
      flags.quick ? { boards: 3, bytes: 100_000, log } : { boards: 10, bytes: 500_000, log },
    ),
  );
  if (suite.memory)
    console.log(
      `  ${(suite.memory.bytesPerBoard / 1024 ** 2).toFixed(1)} MiB per board = ${suite.memory.ratio.toFixed(1)}× its state`,
    );

  for (const hottest of plannedScenarios(flags).slice(0, 2)) {
    console.log(`\n▶ CPU profile: ${hottest.name} on Werkraum`);
    await idle();
    const dir = await mkdtemp(join(tmpdir(), 'werkraum-bench-prof-'));
    try {
      const profiled = await safely('CPU profile', () =>
        runScaleBench({
          ...hottest.options,
          target: 'werkraum',
          pin: flags.pin,
          log,
          cpuProfileDir: dir,
        }),
      );
      if (profiled !== undefined) suite.profiles.push(profiled);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
    for (const f of suite.profiles.at(-1)?.profile ?? [])
      console.log(`  ${f.percent.toFixed(1).padStart(5)} %  ${f.name} ${f.where}`);
  }

  if (flags.write) {
    const markdown = formatScaleMarkdown({
      machine: machineInfo(),
      command: `pnpm bench${flags.argv.length > 0 ? ` ${flags.argv.join(' ')}` : ''}`,
      generatedAt: new Date().toISOString().replace(/\.\d+Z$/, 'Z'),
      suite,
      targets: targetVerdicts(suite),
      notes: await analysisNotes(),
    });
    await mkdir(dirname(flags.outFile), { recursive: true });
    await writeFile(flags.outFile, await formatWithPrettier(markdown, flags.outFile));
    console.log(`\nwrote ${flags.outFile}`);
  }
  console.log(
    `\n${failures.length === 0 ? 'PASS' : 'FAIL'} in ${((performance.now() - started) / 1000).toFixed(0)} s`,
  );
  for (const failure of failures) console.log(`  - ${failure}`);
  return failures.length === 0 ? 0 : 1;
}

/** Hand-written analysis kept next to the generator (test/bench/analysis.md), if present. */
async function analysisNotes(): Promise<string[]> {
  try {
    const text = await readFile(
      resolve(dirname(fileURLToPath(import.meta.url)), 'analysis.md'),
      'utf8',
    );
    return [text.trim()];
  } catch {
    return [];
  }
}

function targetVerdicts(suite: ScaleSuite): string[] {
  const lines: string[] = [];
  const verdict = (met: boolean | undefined): string =>
    met === undefined ? 'not measured' : met ? '**met**' : '**missed**';
  const find = (p: (r: ScaleResult) => boolean): ScaleResult | undefined =>
    suite.scenarios.flatMap((s) => s.results).find(p);
  const big = find(
    (r) =>
      r.options.target === 'werkraum' &&
      r.options.boards === 1 &&
      r.options.clientsPerBoard === 200 &&
      r.options.editorsPerBoard === 40,
  );
  if (big) {
    const met = big.latency.p99 <= 15 && big.undelivered === 0;
    lines.push(
      `- 200 clients on one board, 40 editing at 12 edits/s, storage + roles + presence: p99 ≤ 15 ms with 0 undelivered — ${verdict(met)}: p99 ${big.latency.p99.toFixed(1)} ms (${(big.latency.p99 / 15).toFixed(1)}× the target), ${big.undelivered} undelivered.`,
    );
  } else lines.push(`- 200 clients / 40 editors: ${verdict(undefined)}.`);
  const many = find(
    (r) =>
      r.options.target === 'werkraum' &&
      r.options.boards === 100 &&
      r.options.clientsPerBoard === 10,
  );
  if (many) {
    lines.push(
      `- 100 boards × 10 clients on one process: p99 ≤ 10 ms — ${verdict(many.latency.p99 <= 10 && many.undelivered === 0)}: p99 ${many.latency.p99.toFixed(1)} ms, ${many.undelivered} undelivered.`,
    );
  } else lines.push(`- 100 boards × 10 clients: ${verdict(undefined)}.`);
  const storm = (t: string): JoinStormRow | undefined =>
    suite.storms.find((s) => s.target === t && s.requestedBytes === 1_000_000);
  const w = storm('werkraum');
  const ref = storm('reference');
  if (w && ref) {
    const met =
      w.allSyncedMs <= ref.allSyncedMs / 2 &&
      (w.peakRssGrowthBytes ?? Infinity) < (ref.peakRssGrowthBytes ?? 0);
    lines.push(
      `- Join storm, 100 clients, 1 MB: ≤ ½ the reference's time with less memory growth — ${verdict(met)}: ${w.allSyncedMs.toFixed(0)} ms vs ${ref.allSyncedMs.toFixed(0)} ms (${(w.allSyncedMs / ref.allSyncedMs).toFixed(2)}×), RSS growth ${((w.peakRssGrowthBytes ?? 0) / 1024 ** 2).toFixed(1)} vs ${((ref.peakRssGrowthBytes ?? 0) / 1024 ** 2).toFixed(1)} MiB.`,
    );
  } else lines.push(`- Join storm 1 MB: ${verdict(undefined)}.`);
  if (suite.cold) {
    lines.push(
      `- Cold load of ${suite.cold.updates.toLocaleString('en-US')} stored updates ≤ 0.2 s — ${verdict(suite.cold.firstSyncMs <= 200)}: ${(suite.cold.firstSyncMs / 1000).toFixed(2)} s (${(suite.cold.firstSyncMs / 200).toFixed(1)}× the target).`,
    );
  } else lines.push(`- Cold load: ${verdict(undefined)}.`);
  if (suite.memory) {
    lines.push(
      `- Memory per loaded board ≤ 12× its snapshot — ${verdict(suite.memory.ratio <= 12)}: ${suite.memory.ratio.toFixed(1)}×.`,
    );
  } else lines.push(`- Memory per board: ${verdict(undefined)}.`);
  return lines;
}

type JoinStormRow = ScaleSuite['storms'][number];

main().then(
  (code) => {
    process.exitCode = code;
    // Stray timers of the stock providers must not keep the process alive.
    setTimeout(() => process.exit(code), 500).unref();
  },
  (error: unknown) => {
    console.error(error instanceof Error ? (error.stack ?? error.message) : error);
    process.exit(1);
  },
);
