// Sums the vitest JSON reports of every workspace package into one closing line.
// `--clean` removes old reports before a run, so that a stale report is never counted.
import { existsSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const packageDirs = ['apps', 'packages']
  .flatMap((group) =>
    existsSync(join(root, group)) ? readdirSync(join(root, group)).map((d) => join(group, d)) : [],
  )
  .concat(['test']);
const reports = packageDirs.map((dir) => [dir, join(root, dir, 'test-results', 'vitest.json')]);

if (process.argv.includes('--clean')) {
  for (const [, file] of reports) rmSync(file, { force: true });
  process.exit(0);
}

let passed = 0;
let failed = 0;
let skipped = 0;
for (const [dir, file] of reports) {
  if (!existsSync(file)) continue;
  const report = JSON.parse(readFileSync(file, 'utf8'));
  const p = report.numPassedTests ?? 0;
  const f = (report.numFailedTests ?? 0) + (report.numTodoTests ?? 0);
  const s = report.numPendingTests ?? 0;
  console.log(`  ${dir.padEnd(16)} ${p} passed, ${f} failed, ${s} skipped`);
  passed += p;
  failed += f;
  skipped += s;
}
console.log(`tests: ${passed} passed, ${failed} failed, ${skipped} skipped`);
process.exit(failed > 0 || skipped > 0 || passed === 0 ? 1 : 0);
