/**
 * Reading a process's CPU time and memory from /proc (Linux only). Everything here degrades to
 * `undefined` elsewhere, so the benchmark still runs, just without server-side figures.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { monitorEventLoopDelay, PerformanceObserver } from 'node:perf_hooks';

let clockTicks: number | undefined;

/** Clock ticks per second used by /proc/<pid>/stat (`getconf CLK_TCK`, 100 if unknown). */
export function clockTicksPerSecond(): number {
  if (clockTicks === undefined) {
    const out = spawnSync('getconf', ['CLK_TCK'], { encoding: 'utf8', timeout: 2_000 });
    const parsed = Number.parseInt(out.stdout ?? '', 10);
    clockTicks = Number.isFinite(parsed) && parsed > 0 ? parsed : 100;
  }
  return clockTicks;
}

/** CPU seconds (user + system) the process has used so far, or undefined. */
export function processCpuSeconds(pid: number): number | undefined {
  let stat: string;
  try {
    stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  } catch {
    return undefined;
  }
  // The command name (field 2) is in parentheses and may contain spaces; fields after it are
  // separated by single spaces. utime and stime are fields 14 and 15 (1-based).
  const afterName = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  const utime = Number(afterName[11]);
  const stime = Number(afterName[12]);
  if (!Number.isFinite(utime) || !Number.isFinite(stime)) return undefined;
  return (utime + stime) / clockTicksPerSecond();
}

/** CPU seconds all CPUs of the machine spent busy (not idle / iowait) so far, or undefined. */
export function machineBusyCpuSeconds(): number | undefined {
  let stat: string;
  try {
    stat = readFileSync('/proc/stat', 'utf8');
  } catch {
    return undefined;
  }
  const fields = /^cpu\s+(.+)$/m.exec(stat)?.[1]?.trim().split(/\s+/).map(Number);
  if (fields === undefined || fields.length < 5 || fields.some((f) => !Number.isFinite(f)))
    return undefined;
  // user nice system idle iowait irq softirq steal [guest guest_nice — already in user/nice]
  const [user = 0, nice = 0, system = 0, , , irq = 0, softirq = 0, steal = 0] = fields;
  return (user + nice + system + irq + softirq + steal) / clockTicksPerSecond();
}

/** 1-minute load average, or undefined. */
export function loadAverage1m(): number | undefined {
  try {
    const value = Number.parseFloat(readFileSync('/proc/loadavg', 'utf8'));
    return Number.isFinite(value) ? value : undefined;
  } catch {
    return undefined;
  }
}

/** Resident set size and its high-water mark in bytes, or undefined. */
export function processMemory(pid: number): { rss: number; hwm: number } | undefined {
  let status: string;
  try {
    status = readFileSync(`/proc/${pid}/status`, 'utf8');
  } catch {
    return undefined;
  }
  const kib = (field: string): number | undefined => {
    const match = new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status);
    return match?.[1] === undefined ? undefined : Number(match[1]) * 1024;
  };
  const rss = kib('VmRSS');
  if (rss === undefined) return undefined;
  return { rss, hwm: kib('VmHWM') ?? rss };
}

/**
 * Samples a child process's CPU and RSS at a fixed interval between `start()` and `stop()`.
 * CPU % is CPU seconds over wall seconds × 100, so a process using two cores can exceed 100.
 */
export class ProcessSampler {
  private timer: NodeJS.Timeout | undefined;
  private startCpu: number | undefined;
  private startWall = 0;
  private peakRss = 0;
  private rssSum = 0;
  private samples = 0;

  constructor(
    private readonly pid: number,
    private readonly intervalMs = 200,
  ) {}

  start(): void {
    this.startCpu = processCpuSeconds(this.pid);
    this.startWall = performance.now();
    this.sample();
    this.timer = setInterval(() => this.sample(), this.intervalMs);
    this.timer.unref();
  }

  private sample(): void {
    const memory = processMemory(this.pid);
    if (memory === undefined) return;
    this.peakRss = Math.max(this.peakRss, memory.rss);
    this.rssSum += memory.rss;
    this.samples += 1;
  }

  stop(): {
    cpuPercent: number | undefined;
    peakRssBytes: number | undefined;
    meanRssBytes: number | undefined;
  } {
    if (this.timer !== undefined) clearInterval(this.timer);
    this.timer = undefined;
    this.sample();
    const endCpu = processCpuSeconds(this.pid);
    const wallSeconds = (performance.now() - this.startWall) / 1000;
    const cpuPercent =
      this.startCpu === undefined || endCpu === undefined || wallSeconds <= 0
        ? undefined
        : ((endCpu - this.startCpu) / wallSeconds) * 100;
    return {
      cpuPercent,
      peakRssBytes: this.samples > 0 ? this.peakRss : undefined,
      meanRssBytes: this.samples > 0 ? this.rssSum / this.samples : undefined,
    };
  }
}

/**
 * Measures this process's own CPU (all threads) and event-loop delay over a window. A long
 * event-loop delay here (GC pause, a burst of incoming messages) delays every delivery that
 * the providers in this process observe, independent of the server.
 */
export class SelfCpuMeter {
  private readonly startUsage = process.cpuUsage();
  private readonly startWall = performance.now();
  private readonly loopDelay = monitorEventLoopDelay({ resolution: 5 });
  private gcTotalMs = 0;
  private gcMaxMs = 0;
  private readonly gcObserver = new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) {
      this.gcTotalMs += entry.duration;
      this.gcMaxMs = Math.max(this.gcMaxMs, entry.duration);
    }
  });

  constructor() {
    this.loopDelay.enable();
    this.gcObserver.observe({ entryTypes: ['gc'] });
  }

  stop(): {
    cpuPercent: number;
    loopDelayP99Ms: number;
    loopDelayMaxMs: number;
    gcTotalMs: number;
    gcMaxMs: number;
  } {
    this.loopDelay.disable();
    this.gcObserver.disconnect();
    const usage = process.cpuUsage(this.startUsage);
    const wallSeconds = (performance.now() - this.startWall) / 1000;
    return {
      cpuPercent: wallSeconds <= 0 ? 0 : ((usage.user + usage.system) / 1e6 / wallSeconds) * 100,
      loopDelayP99Ms: this.loopDelay.percentile(99) / 1e6,
      loopDelayMaxMs: this.loopDelay.max / 1e6,
      gcTotalMs: this.gcTotalMs,
      gcMaxMs: this.gcMaxMs,
    };
  }
}
