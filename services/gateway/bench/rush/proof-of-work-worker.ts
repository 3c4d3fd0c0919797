/**
 * A worker thread of the rush's proof-of-work pool (proof-of-work-pool.ts): solves the
 * challenges it is sent with the tests' solver, as a citizen's browser does in a worker,
 * and answers with the solution and the time the search took (the thread's busy time).
 */
import { parentPort } from "node:worker_threads";
import { type Challenge, solveProofOfWork } from "../../test/proof-of-work-solver.ts";

parentPort!.on("message", ({ id, challenge }: { id: number; challenge: Challenge }) => {
  const t0 = performance.now();
  try {
    const solution = solveProofOfWork(challenge);
    parentPort!.postMessage({ id, solution, ms: performance.now() - t0 });
  } catch (error) {
    parentPort!.postMessage({ id, error: (error as Error).message, ms: performance.now() - t0 });
  }
});
