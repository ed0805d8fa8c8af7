// Runs `watch --json` as a child process and hands its JSON lines to a test, one awaited line at a time.
import { spawn, type ChildProcess } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { createInterface } from 'node:readline';

export interface WatchJsonLine {
  event: 'new-slots' | 'gone' | 'status';
  at: string;
  watch: string;
  status: string;
  reason: string;
  slots: { date: string; time: string; timeZone: string; capacity: number }[];
  outcome?: string;
  notice?: string;
}

export interface WatchProcess {
  child: ChildProcess;
  /** Every line so far, in order. */
  lines: WatchJsonLine[];
  stderr: () => string;
  /** The next line not yet taken, waiting up to `timeoutMs` for it. */
  next(timeoutMs?: number): Promise<WatchJsonLine>;
  /** Lines printed but not yet taken. */
  untaken(): WatchJsonLine[];
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

export function startWatch(args: string[], env: NodeJS.ProcessEnv): WatchProcess {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src-main/cli.ts', 'watch', ...args, '--json'], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const lines: WatchJsonLine[] = [];
  let taken = 0;
  let wake: (() => void) | undefined;
  let stderr = '';
  child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  createInterface({ input: child.stdout! }).on('line', (text) => {
    lines.push(JSON.parse(text) as WatchJsonLine);
    wake?.();
  });
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.on('exit', (code, signal) => {
      wake?.();
      resolve({ code, signal });
    }),
  );
  return {
    child,
    lines,
    stderr: () => stderr,
    untaken: () => lines.slice(taken),
    exited,
    async next(timeoutMs = 15_000) {
      const deadline = Date.now() + timeoutMs;
      while (taken >= lines.length) {
        if (child.exitCode !== null) throw new Error(`watch exited (${child.exitCode}):\n${stderr}`);
        const left = deadline - Date.now();
        if (left <= 0) throw new Error(`no watch line within ${timeoutMs} ms; stderr:\n${stderr}`);
        await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, left);
          wake = () => {
            clearTimeout(timer);
            resolve();
          };
        });
      }
      return lines[taken++]!;
    },
  };
}

/** Running (non-zombie) processes whose command line contains `needle`. */
export function processesMentioning(needle: string): number[] {
  return livePids().filter((pid) => {
    try {
      return readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes(needle);
    } catch {
      return false;
    }
  });
}

/** Every live descendant of `root` (children, grandchildren…), found through /proc/<pid>/stat. */
export function descendantsOf(root: number): number[] {
  const parentOf = new Map<number, number>();
  for (const pid of livePids()) {
    const stat = statOf(pid);
    if (stat) parentOf.set(pid, stat.ppid);
  }
  const found: number[] = [];
  let frontier = [root];
  while (frontier.length > 0) {
    const children = [...parentOf].filter(([, ppid]) => frontier.includes(ppid)).map(([pid]) => pid);
    found.push(...children);
    frontier = children;
  }
  return found;
}

/** Whether a pid is still a running process (a zombie waiting to be reaped is not). */
export function isRunning(pid: number): boolean {
  const stat = statOf(pid);
  return stat !== undefined && stat.state !== 'Z';
}

function livePids(): number[] {
  return readdirSync('/proc')
    .filter((name) => /^\d+$/.test(name))
    .map(Number)
    .filter(isRunning);
}

function statOf(pid: number): { state: string; ppid: number } | undefined {
  try {
    const text = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name sits in parentheses and may itself contain spaces or parentheses.
    const rest = text.slice(text.lastIndexOf(')') + 2).split(' ');
    return { state: rest[0]!, ppid: Number(rest[1]) };
  } catch {
    return undefined;
  }
}
