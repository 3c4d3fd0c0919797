-- Confirming a hold in two round trips instead of a locked transaction of five.
--
-- The anti-hoarding limits depend on all of one person's bookings in a tenant. The
-- gateway reads them (with a digest) outside any transaction, decides in TypeScript, and
-- then writes in ONE statement that first takes the person's advisory locks and compares
-- the digest again under them (tv_lock_person). A digest that changed in between (another
-- booking of the same person committed) makes the write do nothing; the gateway reads and
-- decides again. The locks are held until that statement commits, so two bookings of one
-- person are still decided one after the other.

-- CreateIndex: phone numbers identify a person too (lookups by tenant and phone).
CREATE INDEX "Booking_tenantId_phoneNormalized_idx" ON "Booking"("tenantId", "phoneNormalized");

-- One person's bookings in a tenant: same normalised e-mail, or same normalised phone.
-- PL/pgSQL rather than SQL: its statements' plans are cached per connection.
CREATE FUNCTION tv_person_bookings(p_tenant uuid, p_email text, p_phone text)
RETURNS TABLE (id uuid, status "BookingStatus", "startsAt" timestamptz)
LANGUAGE plpgsql VOLATILE AS $$
BEGIN
  RETURN QUERY
    SELECT b.id, b.status, b."startsAt" FROM "Booking" b
     WHERE b."tenantId" = p_tenant AND b."emailNormalized" = p_email
    UNION
    SELECT b.id, b.status, b."startsAt" FROM "Booking" b
     WHERE b."tenantId" = p_tenant AND p_phone IS NOT NULL AND b."phoneNormalized" = p_phone;
END
$$;

-- A digest of everything the limits look at; VOLATILE, so it reads a fresh snapshot.
CREATE FUNCTION tv_person_digest(p_tenant uuid, p_email text, p_phone text)
RETURNS text
LANGUAGE plpgsql VOLATILE AS $$
BEGIN
  RETURN (SELECT md5(coalesce(string_agg(p.id::text || ':' || p.status::text || ':' || extract(epoch FROM p."startsAt")::text, ',' ORDER BY p.id), ''))
            FROM tv_person_bookings(p_tenant, p_email, p_phone) p);
END
$$;

-- Takes the person's advisory locks (keys sorted by the caller, so no deadlocks) for the rest
-- of the transaction, then tells whether their bookings are still those of `p_digest`.
CREATE FUNCTION tv_lock_person(p_keys bigint[], p_tenant uuid, p_email text, p_phone text, p_digest text)
RETURNS boolean
LANGUAGE plpgsql VOLATILE AS $$
DECLARE
  k bigint;
BEGIN
  FOREACH k IN ARRAY p_keys LOOP
    PERFORM pg_advisory_xact_lock(k);
  END LOOP;
  RETURN tv_person_digest(p_tenant, p_email, p_phone) = p_digest;
END
$$;
