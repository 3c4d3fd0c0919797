-- A hold is claimed in ONE round trip: the gateway sends the placements it would accept,
-- best first (candidate starts, each on every counter that fits), and the database takes
-- the first one that is free.
--
-- Before this, a lost race cost the gateway a round trip per try (insert, error, sweep of
-- lapsed holds, insert again, then a fresh read of the day) and a herd on one first free
-- day turned every hold request into dozens of queries, each queueing for one of the pool's
-- connections: in the opening-rush benchmark holdSlot's median reached 6 s while
-- PostgreSQL itself was nearly idle. Here a try that loses costs microseconds inside the
-- server:
--   * a placement that overlaps a committed live booking is skipped by an index probe,
--     without an error and without taking the counter's write lock;
--   * otherwise lapsed holds in the way are expired and the insert is tried in a
--     subtransaction; losing the race to a concurrent writer (23P01), or waiting past the
--     short lock timeout set here, rolls back only that try -- including the counter lock
--     its trigger took, so the transaction never holds two counters' locks and cannot
--     take part in a deadlock cycle -- and the next placement is tried.
-- The hold commits without waiting for the WAL flush (as before: a hold lost in a crash
-- just frees its start; the confirmation commits synchronously).
CREATE FUNCTION tv_claim_hold(
  p_tenant uuid, p_office uuid, p_channel "Channel", p_expires timestamptz, p_token_hash text,
  p_items json, p_now timestamptz, p_placements json
) RETURNS TABLE (id uuid, "counterId" uuid, "startsAt" timestamptz, "endsAt" timestamptz)
LANGUAGE plpgsql AS $$
DECLARE
  p record;
  new_id uuid;
BEGIN
  PERFORM set_config('synchronous_commit', 'off', true);
  PERFORM set_config('lock_timeout', '1000', true);
  FOR p IN
    SELECT (x.v->>'c')::uuid AS counter, (x.v->>'s')::timestamptz AS s, (x.v->>'e')::timestamptz AS e
      FROM json_array_elements(p_placements) WITH ORDINALITY AS x(v, n)
     ORDER BY x.n
  LOOP
    IF EXISTS (
      SELECT 1 FROM "Booking" b
       WHERE b."counterId" = p.counter
         AND b.status IN ('HELD', 'PENDING_VERIFICATION', 'CONFIRMED', 'CHECKED_IN')
         AND tstzrange(b."startsAt", b."endsAt", '[)') && tstzrange(p.s, p.e, '[)')
         AND NOT (b.status = 'HELD' AND b."holdExpiresAt" <= p_now)
    ) THEN
      CONTINUE;
    END IF;
    BEGIN
      UPDATE "Booking" b SET status = 'EXPIRED'
       WHERE b."counterId" = p.counter AND b.status = 'HELD' AND b."holdExpiresAt" <= p_now
         AND b."startsAt" < p.e AND b."endsAt" > p.s;
      -- createdAt is the service's clock (p_now): a hold's total life is capped from it.
      INSERT INTO "Booking" ("tenantId", "officeId", "counterId", status, channel, "startsAt", "endsAt", "holdExpiresAt", "holdTokenHash", "createdAt")
      VALUES (p_tenant, p_office, p.counter, 'HELD', p_channel, p.s, p.e, p_expires, p_token_hash, p_now)
      RETURNING "Booking".id INTO new_id;
      INSERT INTO "BookingItem" ("tenantId", "bookingId", "serviceId", quantity)
      SELECT p_tenant, new_id, i."serviceId"::uuid, i.quantity
        FROM json_to_recordset(p_items) AS i("serviceId" text, quantity int);
      id := new_id; "counterId" := p.counter; "startsAt" := p.s; "endsAt" := p.e;
      RETURN NEXT;
      RETURN;
    EXCEPTION WHEN exclusion_violation OR lock_not_available OR deadlock_detected OR serialization_failure THEN
      -- Lost this placement to a concurrent writer: try the next.
    END;
  END LOOP;
  RETURN;
END
$$;
