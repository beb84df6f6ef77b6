-- Kannel-compatible sendsms: what a request asked for beyond recipient and text, one row per outbound SMS it queued.
-- The SMS itself is an ordinary outbound_sms row (source 'kannel-sendsms', lane 0), dispatched like any other.
CREATE TABLE kannel_sendsms (
    sms_id           bigint      PRIMARY KEY REFERENCES outbound_sms (id),
    username         text        NOT NULL,
    sender           text,
    -- Kannel's coding: 0 7-bit, 1 8-bit, 2 UCS-2
    coding           smallint    NOT NULL DEFAULT 0,
    charset          text,
    udh              bytea,
    dlr_mask         smallint    NOT NULL DEFAULT 0 CHECK (dlr_mask BETWEEN 0 AND 63),
    dlr_url          text,
    -- minutes, as given: deferred delayed the send (outbound_sms.next_attempt_at); validity is kept here only, the
    -- modem: producer sets no TP-VP
    validity_minutes int,
    deferred_minutes int
);

-- Delivery reports to call back on a dlr-url: one per SMS and Kannel DLR type (1 delivered, 2 undelivered,
-- 4 buffered, 8 accepted by the SMSC, 16 refused), retried with backoff until the URL answers 2xx or attempts run out.
CREATE TABLE kannel_dlr (
    id              bigserial   PRIMARY KEY,
    sms_id          bigint      NOT NULL REFERENCES outbound_sms (id),
    dlr_type        smallint    NOT NULL CHECK (dlr_type IN (1, 2, 4, 8, 16)),
    -- the report's text as Kannel words it (%A): Success, Failed, Buffered, ACK/, NACK/reason
    reply           text        NOT NULL,
    event_at        timestamptz NOT NULL DEFAULT now(),
    status          text        NOT NULL DEFAULT 'PENDING' CHECK (status IN ('PENDING', 'SENT', 'FAILED')),
    attempts        int         NOT NULL DEFAULT 0,
    -- also the lease of a call under way: a claim moves it past the HTTP timeout
    next_attempt_at timestamptz NOT NULL DEFAULT now(),
    http_status     int,
    error           text,
    sent_at         timestamptz,
    UNIQUE (sms_id, dlr_type)
);

CREATE INDEX kannel_dlr_due ON kannel_dlr (next_attempt_at, id) WHERE status = 'PENDING';

-- The SMS's state changes in the dispatcher (sent, failed) and in the status-report route (delivered, buffered,
-- failed); a trigger turns each change a request's dlr-mask asked for into a kannel_dlr row in the same transaction,
-- so no report is lost between the change and its callback, and those routes need not know about Kannel.
-- As bb_smscconn.c does, a refused submit is reported as type 16 when the mask asks for 16 or for 2.
CREATE FUNCTION kannel_dlr_event() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    mask smallint;
BEGIN
    SELECT k.dlr_mask INTO mask FROM kannel_sendsms k WHERE k.sms_id = NEW.id AND k.dlr_url IS NOT NULL;
    IF mask IS NULL OR mask = 0 THEN
        RETURN NEW;
    END IF;
    IF NEW.status = 'SENT' AND OLD.status IS DISTINCT FROM 'SENT' AND mask & 8 <> 0 THEN
        INSERT INTO kannel_dlr (sms_id, dlr_type, reply) VALUES (NEW.id, 8, 'ACK/') ON CONFLICT DO NOTHING;
    END IF;
    IF NEW.status IN ('FAILED', 'CANCELLED') AND OLD.status IS DISTINCT FROM NEW.status AND mask & 18 <> 0 THEN
        INSERT INTO kannel_dlr (sms_id, dlr_type, reply) VALUES (NEW.id, 16, 'NACK/' || COALESCE(NEW.error, ''))
            ON CONFLICT DO NOTHING;
    END IF;
    IF NEW.delivery_status IS DISTINCT FROM OLD.delivery_status THEN
        IF NEW.delivery_status = 'delivered' AND mask & 1 <> 0 THEN
            INSERT INTO kannel_dlr (sms_id, dlr_type, reply) VALUES (NEW.id, 1, 'Success') ON CONFLICT DO NOTHING;
        ELSIF NEW.delivery_status = 'failed' AND mask & 2 <> 0 THEN
            INSERT INTO kannel_dlr (sms_id, dlr_type, reply) VALUES (NEW.id, 2, 'Failed') ON CONFLICT DO NOTHING;
        ELSIF NEW.delivery_status = 'pending' AND mask & 4 <> 0 THEN
            INSERT INTO kannel_dlr (sms_id, dlr_type, reply) VALUES (NEW.id, 4, 'Buffered') ON CONFLICT DO NOTHING;
        END IF;
    END IF;
    RETURN NEW;
END;
$$;

CREATE TRIGGER kannel_dlr_event AFTER UPDATE OF status, delivery_status ON outbound_sms
    FOR EACH ROW
    WHEN (NEW.source = 'kannel-sendsms'
          AND (OLD.status IS DISTINCT FROM NEW.status OR OLD.delivery_status IS DISTINCT FROM NEW.delivery_status))
    EXECUTE FUNCTION kannel_dlr_event();
