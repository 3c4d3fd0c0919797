import { readFileSync } from "node:fs";

/** CPU seconds (user + system, all threads) a process has used so far; 0 once it is gone. */
export function processCpuSeconds(pid: number): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    return (Number(fields[11]) + Number(fields[12])) / 100; // clock ticks (USER_HZ = 100)
  } catch {
    return 0;
  }
}

export interface CpuShares {
  /** CPU seconds the gateway processes used in the phase. */
  gateway: number;
  /** CPU seconds of the PostgreSQL backends serving the benchmark database. */
  postgres: number;
  /** CPU seconds of this process (the load generator or the raw INSERT client). */
  client: number;
}

/**
 * Measures who used how much CPU during one phase of the benchmark (Linux /proc): the
 * gateway processes, the database's PostgreSQL backends (listed by `backendPids`, asked at
 * the start and the end of the phase) and this process.
 */
export async function measureCpu<T>(
  gatewayPids: readonly (number | undefined)[],
  backendPids: () => Promise<number[]>,
  phase: () => Promise<T>,
): Promise<{ result: T; cpu: CpuShares }> {
  const before = new Map((await backendPids()).map((pid) => [pid, processCpuSeconds(pid)]));
  const gatewaysCpu = () => gatewayPids.reduce<number>((sum, pid) => sum + (pid ? processCpuSeconds(pid) : 0), 0);
  const gateway0 = gatewaysCpu();
  const client0 = process.cpuUsage();
  const result = await phase();
  const client = process.cpuUsage(client0);
  const gateway = gatewaysCpu() - gateway0;
  let postgres = 0;
  for (const pid of await backendPids()) postgres += processCpuSeconds(pid) - (before.get(pid) ?? 0);
  const round = (n: number) => Math.round(n * 100) / 100;
  return { result, cpu: { gateway: round(gateway), postgres: round(postgres), client: round((client.user + client.system) / 1e6) } };
}
