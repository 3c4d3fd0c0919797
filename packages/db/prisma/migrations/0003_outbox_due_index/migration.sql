-- The outbox job claims the oldest due mails: PENDING rows ordered by
-- ("nextAttemptAt", "createdAt", id), LIMIT batch size. The old index on
-- (status, "nextAttemptAt") made PostgreSQL fetch EVERY pending row, sort them and keep
-- twenty; a backlog (an SMTP outage, a rush of bookings) made each claim slower the longer
-- the backlog grew. This partial index holds only pending rows, in exactly the claim's
-- order: a claim reads its batch and stops, whatever the backlog. Sent and failed mails
-- leave it, so it stays as small as the backlog.
DROP INDEX "MailOutbox_status_nextAttemptAt_idx";

CREATE INDEX "MailOutbox_due_idx" ON "MailOutbox" ("nextAttemptAt", "createdAt", id) WHERE status = 'PENDING';
