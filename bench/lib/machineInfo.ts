import { arch, cpus, loadavg, platform, release, totalmem } from 'node:os';

/** What every benchmark reports about the machine it ran on; the browser ones add theirs. */
export function machineInfo(loadAverageAtStart: number[]) {
  return {
    node: process.version,
    platform: platform(),
    osRelease: release(),
    arch: arch(),
    cpuModel: cpus()[0]?.model ?? 'unknown',
    cores: cpus().length,
    totalMemoryBytes: totalmem(),
    loadAverageAtStart,
    loadAverageAtEnd: loadavg().map((x) => Math.round(x * 100) / 100),
  };
}
