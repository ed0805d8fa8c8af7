/** Prints the watch figures (latency, requests per check, memory) as a table a person reads at a glance. */
import { fmtMb, fmtSeconds, median, percentile } from './stats';
import type { LatencyFigures, MemoryFigures } from './watch-figures';

export function printWatchFigures(latency: LatencyFigures, memory: MemoryFigures): void {
  const { latenciesMs, intervalMs } = latency;
  const target = intervalMs / 2 + 1_000;
  const med = median(latenciesMs);
  console.log(
    `watch: detection latency (slot added on the replica -> new-slots event), ${intervalMs / 1000} s interval, ${latenciesMs.length} drops`,
  );
  console.log(
    `  median ${fmtSeconds(med)}   p95 ${fmtSeconds(percentile(latenciesMs, 95))}   min ${fmtSeconds(Math.min(...latenciesMs))}   max ${fmtSeconds(Math.max(...latenciesMs))}` +
      `   target median <= ${fmtSeconds(target)}: ${med <= target ? 'met' : 'MISSED'}`,
  );
  const perCheck = latency.requestsPerCheck;
  console.log(
    `  API requests per warm check: median ${median(perCheck)}, min ${Math.min(...perCheck)}, max ${Math.max(...perCheck)} over ${latency.checks} checks`,
  );
  console.log('');
  console.log(
    `watch: resident memory, ${memory.watches} watches at the 1 s loopback floor (real scheduler, one shared Chromium)`,
  );
  console.log('  after checks   engine RSS   browser RSS (sum)   browser PSS (sum)   browser processes');
  for (const row of memory.at) {
    console.log(
      `  ${String(row.checks).padEnd(15)}${fmtMb(row.engineRss).padEnd(13)}${fmtMb(row.browserRss).padEnd(20)}` +
        `${fmtMb(row.browserPss).padEnd(20)}${row.browserProcesses}`,
    );
  }
  const [from, to] = [memory.at[0]!, memory.at[memory.at.length - 1]!];
  const growth = to.engineRss + to.browserRss - (from.engineRss + from.browserRss);
  console.log(
    `  growth ${from.checks} -> ${to.checks} checks: engine ${fmtMb(to.engineRss - from.engineRss)}, browser RSS ${fmtMb(to.browserRss - from.browserRss)}` +
      ` (PSS ${fmtMb(to.browserPss - from.browserPss)}), engine + browser RSS ${fmtMb(growth)}` +
      `   target < 30 MB: ${growth < 30 * 1024 * 1024 ? 'met' : 'MISSED'}`,
  );
  console.log(
    '  (the engine process also hosts the replica; Chromium RSS sums shared pages once per process)',
  );
}
