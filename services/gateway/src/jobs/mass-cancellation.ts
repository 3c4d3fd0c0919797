import type { AppServices } from "../app-services.ts";
import { MASS_CANCELLATION_JOB } from "../staff/staff-service.ts";
import { PermanentJobError, type Task } from "./runner.ts";

/**
 * A mass cancellation's run (enqueued with the run in one statement). Batches commit one by
 * one; a killed instance's lease runs out and another instance resumes where it stopped.
 */
export function massCancellationTask(services: AppServices): Task {
  return {
    kind: MASS_CANCELLATION_JOB,
    maxAttempts: 1000,
    backoffMs: 2_000,
    async run({ job, signal }) {
      const runId = (job.payload as { runId?: unknown }).runId;
      if (typeof runId !== "string") throw new PermanentJobError("mass cancellation job without runId");
      await services.staff.runMassCancellation(runId, signal, MASS_CANCELLATION_JOB);
    },
  };
}
