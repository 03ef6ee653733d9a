/**
 * `pnpm bench`: runs the propagation benchmark (see propagation.ts) once with the given flags, or
 * the default matrix without them, prints the results and rewrites docs/benchmarks.md.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
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

const usage = `Usage: pnpm bench [--clients N] [--editors N] [--rate E] [--seconds S] [--warmup S]
                  [--out FILE] [--no-write] [--no-pin] [--wait-idle S]
Without clients/editors/rate/seconds the default matrix runs (10, 50, 200 clients with 20 %
editing, then 200 clients with 10 editing).`;

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
  const waitIdle = numberFlag('wait-idle', values['wait-idle'], 'BENCH_WAIT_IDLE') ?? 20;
  const write = !values['no-write'];
  const outFile = resolve(repoRoot, values.out ?? process.env.BENCH_OUT ?? 'docs/benchmarks.md');

  const common: PropagationBenchOptions = {
    pin: !values['no-pin'],
    log: (line) => console.log(`  · ${line}`),
    ...(warmup === undefined ? {} : { warmupSeconds: warmup }),
  };
  const single = [clients, editors, rate, seconds].some((v) => v !== undefined);
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
