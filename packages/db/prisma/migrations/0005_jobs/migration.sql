-- A durable job queue (DESIGN.md "Jobs"): all background work is a row of "Job".
--
-- Any instance claims due rows with FOR UPDATE SKIP LOCKED, setting a short lease
-- ("lockedBy", "lockedUntil") and counting the attempt in the same statement; a lease that
-- runs out (a killed instance) makes the row claimable again. A unique "jobKey"
-- de-duplicates: enqueueing a key that exists is a no-op, which is how every instance can
-- enqueue the next run of a recurring job (key "cron:<name>:<time>") and only one runs.

-- CreateTable (written by `prisma migrate diff` from schema.prisma)
CREATE TABLE "Job" (
    "id" BIGSERIAL NOT NULL,
    "tenantId" UUID,
    "kind" TEXT NOT NULL,
    "payload" JSONB NOT NULL DEFAULT '{}',
    "runAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "jobKey" TEXT,
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "maxAttempts" INTEGER NOT NULL DEFAULT 5,
    "backoffMs" INTEGER NOT NULL DEFAULT 5000,
    "lockedBy" TEXT,
    "lockedUntil" TIMESTAMPTZ(3),
    "lastError" TEXT,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "finishedAt" TIMESTAMPTZ(3),

    CONSTRAINT "Job_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "Job_jobKey_key" ON "Job"("jobKey");

-- AddForeignKey
ALTER TABLE "Job" ADD CONSTRAINT "Job_tenantId_fkey" FOREIGN KEY ("tenantId") REFERENCES "Tenant"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Hand-written: claims read unfinished rows in claim order. Finished rows (kept for a
-- while to keep their keys reserved) leave the index, so it stays as small as the queue.
CREATE INDEX "Job_due_idx" ON "Job" ("runAt", id) WHERE "finishedAt" IS NULL;

-- Hand-written: enqueue from SQL, like graphile/worker's add_job, so that a hot-path
-- statement can add its job inside its own CTE and the job commits (or rolls back) with
-- the change that needs it:
--   WITH b AS (UPDATE ... RETURNING ...), j AS (SELECT tv_add_job('kind', ...) FROM b) ...
-- (a SELECT in a CTE only runs when the statement reads it: select from j in the outer
-- query). Returns the new job's id, or NULL when the key existed (nothing enqueued).
CREATE FUNCTION tv_add_job(
  p_kind text,
  p_payload jsonb DEFAULT '{}',
  p_run_at timestamptz DEFAULT now(),
  p_job_key text DEFAULT NULL,
  p_tenant_id uuid DEFAULT NULL,
  p_max_attempts integer DEFAULT 5,
  p_backoff_ms integer DEFAULT 5000)
RETURNS bigint
LANGUAGE sql VOLATILE AS $$
  INSERT INTO "Job" (kind, payload, "runAt", "jobKey", "tenantId", "maxAttempts", "backoffMs")
  VALUES (p_kind, coalesce(p_payload, '{}'), coalesce(p_run_at, now()), p_job_key, p_tenant_id,
          coalesce(p_max_attempts, 5), coalesce(p_backoff_ms, 5000))
  ON CONFLICT ("jobKey") DO NOTHING
  RETURNING id
$$;
