import { expect } from "vitest";
import { err, ok, type Result } from "../result.ts";

/**
 * Given/when/then over a pure decider, after event-driven-io/emmett's DeciderSpecification,
 * but with the clock fixed by the test instead of `new Date()`:
 *
 *   const given = deciderSpec({ decide, now });
 *   given(state).when(command).then([event]);
 *   given(state).at(later).when(command).thenRejects(rejection);
 */
export function deciderSpec<S, C, E, R>(spec: { decide: (command: C, state: S, now: Date) => Result<readonly E[], R>; now: Date }) {
  const scenario = (state: S, now: Date) => ({
    /** Decide at another instant than the spec's default. */
    at: (instant: Date) => scenario(state, instant),
    when: (command: C) => {
      const decision = () => spec.decide(command, state, now);
      return {
        then: (events: readonly E[]) => expect(decision()).toEqual(ok(events)),
        thenRejects: (rejection: R) => expect(decision()).toEqual(err(rejection)),
      };
    },
  });
  return (state: S) => scenario(state, spec.now);
}
