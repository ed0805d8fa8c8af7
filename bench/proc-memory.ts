/** Resident memory from /proc: this process, and the sum over the browser processes it started. */
import { readFileSync } from 'node:fs';
import { descendantsOf } from '../tests/integration/watch/watch-process';

/** A `<field>: N kB` line of a /proc file, in bytes. */
function kbField(file: string, field: string): number {
  try {
    const match = new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(readFileSync(file, 'utf8'));
    return match ? Number(match[1]) * 1024 : 0;
  } catch {
    return 0; // the process ended between listing and reading
  }
}

function isBrowser(pid: number): boolean {
  try {
    return /chrom|msedge/i.test(readFileSync(`/proc/${pid}/cmdline`, 'utf8'));
  } catch {
    return false;
  }
}

/** RSS of this process, and of every Chromium process below it (browser, renderers, GPU, utilities). */
export interface MemorySnapshot {
  engineRss: number;
  /** Sum of each Chromium process's RSS: pages they share (the binary, shared memory) count once per process. */
  browserRss: number;
  /** Sum of proportional set sizes: shared pages split between their users, so closer to the real footprint. */
  browserPss: number;
  browserProcesses: number;
}

export function memorySnapshot(): MemorySnapshot {
  const browsers = descendantsOf(process.pid).filter(isBrowser);
  const sum = (read: (pid: number) => number) => browsers.reduce((total, pid) => total + read(pid), 0);
  return {
    engineRss: process.memoryUsage().rss,
    browserRss: sum((pid) => kbField(`/proc/${pid}/status`, 'VmRSS')),
    browserPss: sum((pid) => kbField(`/proc/${pid}/smaps_rollup`, 'Pss')),
    browserProcesses: browsers.length,
  };
}
