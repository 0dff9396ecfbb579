import { readdirSync, readFileSync } from 'node:fs';

/** Clock ticks per second of /proc CPU times (USER_HZ; 100 on every mainstream Linux build). */
const USER_HZ = 100;

/** CPU use of one measured period: the benchmark's own process tree against everything else on the machine. */
export interface CpuSegment {
  wallSeconds: number;
  /** Share of all cores' time that was busy (1 = every core busy the whole period). */
  machineBusyShare: number;
  /** CPU seconds of this process and its descendants (the test server, Chromium and its helpers). */
  benchCpuSeconds: number;
  /** CPU seconds of everything else (other processes, the kernel): contention the figures did not ask for. */
  otherCpuSeconds: number;
  /** Share of all cores' time taken by everything else. */
  otherShare: number;
  /** The busiest other processes (sampled: processes living under one sample interval are missed here). */
  topOthers: Array<{ name: string; cpuSeconds: number }>;
}

interface Proc {
  comm: string;
  ppid: number;
  ticks: number;
  ours: boolean;
}

/**
 * Samples /proc every `intervalMs` so that {@link CpuSampler.segment} can say how much of the machine the
 * benchmark had. Linux only; elsewhere every segment is null.
 */
export interface CpuSampler {
  /** CPU use since the previous segment (or the start). */
  segment(): CpuSegment | null;
  stop(): void;
}

export function createCpuSampler(rootPid: number, intervalMs = 250): CpuSampler {
  if (!readMachine()) return { segment: () => null, stop() {} };
  const procs = new Map<number, Proc>();
  const sample = () => {
    const seen = readProcs();
    for (const [pid, p] of seen) {
      const known = procs.get(pid);
      if (known && known.comm === p.comm) {
        known.ticks = Math.max(known.ticks, p.ticks);
        known.ppid = p.ppid;
      } else procs.set(pid, { ...p, ours: false });
    }
    for (const [pid, p] of procs) if (!p.ours) p.ours = descends(pid, rootPid, procs);
  };
  sample();
  let lastMachine = readMachine() ?? { busy: 0, total: 0 };
  let lastTicks = new Map([...procs].map(([pid, p]) => [pid, p.ticks]));
  let lastWall = performance.now();
  const timer = setInterval(sample, intervalMs);
  timer.unref();
  return {
    segment() {
      sample();
      const machine = readMachine() ?? lastMachine;
      const busy = machine.busy - lastMachine.busy;
      const total = machine.total - lastMachine.total;
      let ours = 0;
      const others = new Map<string, number>();
      for (const [pid, p] of procs) {
        const delta = p.ticks - (lastTicks.get(pid) ?? 0);
        if (delta <= 0) continue;
        if (p.ours) ours += delta;
        else others.set(p.comm, (others.get(p.comm) ?? 0) + delta);
      }
      const wallSeconds = (performance.now() - lastWall) / 1000;
      lastMachine = machine;
      lastTicks = new Map([...procs].map(([pid, p]) => [pid, p.ticks]));
      lastWall = performance.now();
      const other = Math.max(0, busy - ours);
      const round = (x: number) => Math.round(x * 1000) / 1000;
      return {
        wallSeconds: round(wallSeconds),
        machineBusyShare: total > 0 ? round(busy / total) : 0,
        benchCpuSeconds: round(ours / USER_HZ),
        otherCpuSeconds: round(other / USER_HZ),
        otherShare: total > 0 ? round(other / total) : 0,
        topOthers: [...others.entries()]
          .sort((a, b) => b[1] - a[1])
          .slice(0, 3)
          .map(([name, ticks]) => ({ name, cpuSeconds: round(ticks / USER_HZ) })),
      };
    },
    stop: () => clearInterval(timer),
  };
}

function descends(pid: number, root: number, procs: ReadonlyMap<number, Proc>): boolean {
  let current: number | undefined = pid;
  for (let depth = 0; current !== undefined && current > 1 && depth < 64; depth++) {
    if (current === root) return true;
    const p = procs.get(current);
    if (p?.ours) return true;
    current = p?.ppid;
  }
  return false;
}

/** Busy and total clock ticks of all cores, from /proc/stat (null where there is none). */
export function readMachine(): { busy: number; total: number } | null {
  try {
    const line = readFileSync('/proc/stat', 'utf8').split('\n', 1)[0] ?? '';
    const [user = 0, nice = 0, system = 0, idle = 0, iowait = 0, irq = 0, softirq = 0, steal = 0] = line
      .trim()
      .split(/\s+/)
      .slice(1)
      .map(Number);
    const busy = user + nice + system + irq + softirq + steal;
    return { busy, total: busy + idle + iowait };
  } catch {
    return null;
  }
}

function readProcs(): Map<number, Omit<Proc, 'ours'>> {
  const out = new Map<number, Omit<Proc, 'ours'>>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const close = stat.lastIndexOf(')');
      const fields = stat.slice(close + 2).split(' '); // fields[0] is field 3 (state)
      out.set(Number(entry), {
        comm: stat.slice(stat.indexOf('(') + 1, close),
        ppid: Number(fields[1]),
        ticks: Number(fields[11]) + Number(fields[12]), // utime + stime (fields 14 and 15)
      });
    } catch {
      // the process ended while we listed it
    }
  }
  return out;
}
