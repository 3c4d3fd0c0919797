-- Writes that make a live range on a counter are serialised per counter.
--
-- PostgreSQL checks an exclusion constraint AFTER inserting the new index entry: two
-- transactions inserting overlapping (but not identical) ranges on one counter each find
-- the other's uncommitted row and wait for the other to finish -- a deadlock, detected
-- only after deadlock_timeout and answered with SQLSTATE 40P01. Under a rush of holds on
-- overlapping starts, chains of such waits held every pooled connection for minutes.
--
-- A transaction-scoped advisory lock on the counter, taken in a BEFORE ROW trigger (so
-- before the index entry exists), makes conflicting writers queue instead: the next one
-- in line sees the winner's committed row and fails at once with 23P01. A trigger rather
-- than a lock in each statement, so that no writer (hold, confirm, verify, reschedule,
-- staff changes to come) can forget it. Writes that leave a row non-live (cancel,
-- expire) take no lock: they cannot conflict.
--
-- Key space: the two-integer form of the advisory lock (class 0x7476 = 'tv', object =
-- hash of the counter id), distinct from the one-bigint keys of tv_lock_person. A hash
-- collision only makes two counters share a queue. Lock order: a transaction takes at
-- most one counter lock, always after any person locks, so locks cannot form a cycle.
CREATE FUNCTION tv_lock_counter_write() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF NEW.status IN ('HELD', 'PENDING_VERIFICATION', 'CONFIRMED') THEN
    PERFORM pg_advisory_xact_lock(29814, hashtext(NEW."counterId"::text));
  END IF;
  RETURN NEW;
END
$$;

CREATE TRIGGER "Booking_counter_write_lock"
  BEFORE INSERT OR UPDATE ON "Booking"
  FOR EACH ROW EXECUTE FUNCTION tv_lock_counter_write();
