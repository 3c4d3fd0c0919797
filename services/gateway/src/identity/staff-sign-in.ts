import type { StartedSession } from "./sessions.ts";
import type { Viewer } from "./viewer.ts";

export type StaffViewer = Extract<Viewer, { kind: "staff" }>;

/** A staff member just signed in: who, and the new session (its token shown once). */
export interface StaffSignIn {
  viewer: StaffViewer;
  session: StartedSession;
}
