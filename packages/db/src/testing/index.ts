export { testTargets, postgresTestTarget, createPostgresDatabase, type TestTarget, type TestDatabase } from "./test-databases.ts";
