/**
 * Preloaded into a benchmarked server process (`node --import <this file> …`): measures the
 * event-loop delay of that process without touching its code. On SIGUSR2 it writes the delay
 * since the previous signal to `$BENCH_LOOP_FILE` (JSON, milliseconds) and starts afresh.
 */
import { writeFileSync } from 'node:fs';
import { monitorEventLoopDelay } from 'node:perf_hooks';

const file = process.env.BENCH_LOOP_FILE;
if (file) {
  let histogram = monitorEventLoopDelay({ resolution: 5 });
  histogram.enable();
  process.on('SIGUSR2', () => {
    const stats = {
      p50: histogram.percentile(50) / 1e6,
      p99: histogram.percentile(99) / 1e6,
      max: histogram.max / 1e6,
      mean: histogram.mean / 1e6,
      at: Date.now(),
    };
    histogram.disable();
    histogram = monitorEventLoopDelay({ resolution: 5 });
    histogram.enable();
    writeFileSync(file, JSON.stringify(stats));
  });
}
