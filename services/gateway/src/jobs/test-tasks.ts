import type { Logger } from "../logger.ts";
import { PermanentJobError, type Task } from "./runner.ts";

/**
 * Job kinds for tests of the queue itself, registered only when JOB_TEST_KINDS names
 * them (never in production): `test.sleep` waits `payload.ms` milliseconds — long enough
 * to be killed in the middle — and logs its start and end with the job's id.
 */
export function testTasks(names: readonly string[], logger: Logger): Task[] {
  const all: Record<string, Task> = {
    "test.sleep": {
      kind: "test.sleep",
      async run({ job, signal }) {
        const ms = Number((job.payload as { ms?: unknown }).ms ?? 0);
        if (!Number.isFinite(ms) || ms < 0) throw new PermanentJobError("payload.ms must be a number of milliseconds");
        logger.info("job.test_started", { jobId: job.id, attempts: job.attempts });
        await new Promise<void>((resolve, reject) => {
          const timer = setTimeout(resolve, ms);
          signal.addEventListener("abort", () => {
            clearTimeout(timer);
            reject(signal.reason as Error);
          }, { once: true });
        });
        logger.info("job.test_finished", { jobId: job.id, attempts: job.attempts });
      },
    },
  };
  return names.map((name) => {
    const task = all[name];
    if (!task) throw new Error(`JOB_TEST_KINDS: unknown test job kind "${name}" (known: ${Object.keys(all).join(", ")})`);
    return task;
  });
}
