-- A person checked in at the desk keeps the counter for the booked time, like a confirmed
-- booking: the exclusion constraint and the per-counter write lock (0004) now name
-- CHECKED_IN among the statuses that block. (A separate migration: the value was added by
-- 0008_staff and cannot be used in the transaction that added it.)
ALTER TABLE "Booking" DROP CONSTRAINT "Booking_no_overlap";
ALTER TABLE "Booking" ADD CONSTRAINT "Booking_no_overlap"
  EXCLUDE USING gist ("counterId" WITH =, tstzrange("startsAt", "endsAt", '[)') WITH &&)
  WHERE ("status" IN ('HELD', 'PENDING_VERIFICATION', 'CONFIRMED', 'CHECKED_IN'));

CREATE OR REPLACE FUNCTION tv_lock_counter_write() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF NEW.status IN ('HELD', 'PENDING_VERIFICATION', 'CONFIRMED', 'CHECKED_IN') THEN
    PERFORM pg_advisory_xact_lock(29814, hashtext(NEW."counterId"::text));
  END IF;
  RETURN NEW;
END
$$;

-- The job that closes past appointments nobody marked reads them oldest first; only open
-- ones are in this index, so it stays as small as a few days of bookings.
CREATE INDEX "Booking_open_past_idx" ON "Booking" ("endsAt") WHERE status IN ('CONFIRMED', 'CHECKED_IN');
