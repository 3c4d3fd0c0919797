import pg from "pg";
import { type CpuShares, measureCpu } from "./cpu.ts";

let runs = 0;

/**
 * The raw ceiling bookings are compared with: `rows` one-row INSERTs, each its own
 * transaction (autocommit), from 8 concurrent `pg` clients into a plain table on the same
 * database. Returns rows per second and who used how much CPU.
 */
export async function rawInsertCeiling(
  url: string,
  rows: number,
  counterIds: readonly string[],
  backendPids: () => Promise<number[]>,
): Promise<{ perSecond: number; cpu: CpuShares }> {
  const table = `bench_raw_${++runs}`;
  const pool = new pg.Pool({ connectionString: url, max: 8 });
  try {
    await pool.query(`CREATE TABLE ${table} (id bigserial PRIMARY KEY, counter uuid NOT NULL, starts timestamptz NOT NULL, ends timestamptz NOT NULL, email text NOT NULL)`);
    let next = 0;
    const t0 = performance.now();
    const { cpu } = await measureCpu([], backendPids, () =>
      Promise.all(
        Array.from({ length: 8 }, async () => {
          while (next < rows) {
            const i = next++;
            await pool.query(`INSERT INTO ${table} (counter, starts, ends, email) VALUES ($1, $2, $3, $4)`, [
              counterIds[i % counterIds.length],
              new Date(Date.now() + i * 60_000),
              new Date(Date.now() + i * 60_000 + 600_000),
              `raw${i}@example.org`,
            ]);
          }
        }),
      ),
    );
    return { perSecond: Math.round(rows / ((performance.now() - t0) / 1000)), cpu };
  } finally {
    await pool.end();
  }
}
