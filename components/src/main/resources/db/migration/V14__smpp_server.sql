-- The hub's SMPP server: applications (ESMEs) bind with an account, submit SMS, and get delivery receipts back.

-- Accounts. SMPP 3.4 caps system_id at 15 characters and the password at 8; the password is kept as a bcrypt hash.
-- allowed_sources: the source addresses (sender ids, short codes) the account may submit from; empty: any.
-- throughput: submit_sm per second over all its binds (0: no limit); max_binds: binds open at once.
CREATE TABLE smpp_account (
    system_id       text        PRIMARY KEY CHECK (system_id ~ '^[A-Za-z0-9][A-Za-z0-9._@-]{0,14}$'),
    password_hash   text        NOT NULL,
    bind_types      text[]      NOT NULL DEFAULT '{transmitter,receiver,transceiver}'
                                CHECK (bind_types <@ '{transmitter,receiver,transceiver}'::text[]),
    allowed_sources text[]      NOT NULL DEFAULT '{}',
    throughput      int         NOT NULL DEFAULT 0 CHECK (throughput >= 0),
    max_binds       int         NOT NULL DEFAULT 4 CHECK (max_binds >= 1),
    created_by      text,
    created_at      timestamptz NOT NULL DEFAULT now()
);

-- Every submit_sm the server answered with a message_id: its id is that message_id (in decimal). A message sent in
-- parts (UDH concatenation or SAR) has a row per part, joined into one outbound SMS once its last part is in; until
-- then sms_id is NULL and the part waits here, across restarts.
CREATE TABLE smpp_submit (
    id                  bigserial   PRIMARY KEY,
    system_id           text        NOT NULL,
    sms_id              bigint      REFERENCES outbound_sms (id),
    source_addr         text        NOT NULL DEFAULT '',
    dest_addr           text        NOT NULL,
    -- SMPP's registered_delivery: bits 0-1 1 receipt on success or failure, 2 on failure only
    registered_delivery smallint    NOT NULL DEFAULT 0,
    data_coding         smallint    NOT NULL DEFAULT 0,
    text                text        NOT NULL,
    -- a part of a long message: the sender's reference, the number of parts, this part's number (from 1)
    concat_ref          int,
    concat_total        smallint,
    concat_seq          smallint,
    created_at          timestamptz NOT NULL DEFAULT now()
);

CREATE INDEX smpp_submit_sms ON smpp_submit (sms_id);
CREATE INDEX smpp_submit_waiting_parts ON smpp_submit (system_id, source_addr, dest_addr, concat_ref, concat_total)
    WHERE sms_id IS NULL;

-- Delivery receipts to hand back to the application as deliver_sm, one per submit_sm that asked for one, when the
-- outcome is known; held while the account has no receiver bound and given up (EXPIRED) after the configured time.
CREATE TABLE smpp_receipt (
    id              bigserial   PRIMARY KEY,
    submit_id       bigint      NOT NULL REFERENCES smpp_submit (id),
    system_id       text        NOT NULL,
    -- the receipt's stat: as SMSCs word them
    stat            text        NOT NULL CHECK (stat IN ('DELIVRD', 'UNDELIV', 'EXPIRED', 'REJECTD', 'ENROUTE')),
    err             int         NOT NULL DEFAULT 0,
    done_at         timestamptz NOT NULL DEFAULT now(),
    status          text        NOT NULL DEFAULT 'PENDING' CHECK (status IN ('PENDING', 'SENT', 'EXPIRED')),
    attempts        int         NOT NULL DEFAULT 0,
    -- also the lease of a deliver_sm under way
    next_attempt_at timestamptz NOT NULL DEFAULT now(),
    error           text,
    sent_at         timestamptz,
    UNIQUE (submit_id, stat)
);

CREATE INDEX smpp_receipt_due ON smpp_receipt (system_id, next_attempt_at, id) WHERE status = 'PENDING';

-- As for Kannel's dlr-url (V8), the SMS's changes of state make the receipts in the same transaction, so none is lost
-- between the change and its deliver_sm and the dispatcher and status-report routes need not know about SMPP.
-- Final states only (registered_delivery 1: both outcomes, 2: failure only); 'pending' from the network is no outcome.
CREATE FUNCTION smpp_receipt_event() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    outcome text;
    code    int := COALESCE(NEW.delivery_code, 0);
BEGIN
    IF NEW.delivery_status IS DISTINCT FROM OLD.delivery_status AND NEW.delivery_status = 'delivered' THEN
        outcome := 'DELIVRD';
    ELSIF NEW.delivery_status IS DISTINCT FROM OLD.delivery_status AND NEW.delivery_status = 'failed' THEN
        outcome := 'UNDELIV';
    ELSIF NEW.status = 'FAILED' AND OLD.status IS DISTINCT FROM 'FAILED' THEN
        outcome := CASE WHEN NEW.error = 'validity expired' THEN 'EXPIRED' ELSE 'REJECTD' END;
    ELSE
        RETURN NEW;
    END IF;
    INSERT INTO smpp_receipt (submit_id, system_id, stat, err)
    SELECT s.id, s.system_id, outcome, code FROM smpp_submit s
     WHERE s.sms_id = NEW.id
       AND (s.registered_delivery & 3 = 1 OR (s.registered_delivery & 3 = 2 AND outcome <> 'DELIVRD'))
    ON CONFLICT DO NOTHING;
    RETURN NEW;
END;
$$;

CREATE TRIGGER smpp_receipt_event AFTER UPDATE OF status, delivery_status ON outbound_sms
    FOR EACH ROW
    WHEN (NEW.source = 'smpp'
          AND (OLD.status IS DISTINCT FROM NEW.status OR OLD.delivery_status IS DISTINCT FROM NEW.delivery_status))
    EXECUTE FUNCTION smpp_receipt_event();

-- Binds, accepted or refused, for the journal and the dashboard: who, how, from where, and until when.
CREATE TABLE smpp_bind (
    id          bigserial   PRIMARY KEY,
    system_id   text        NOT NULL,
    bind_type   text        NOT NULL,
    remote      text        NOT NULL,
    -- 0 accepted, else the SMPP status it was refused with
    status      int         NOT NULL,
    bound_at    timestamptz NOT NULL DEFAULT now(),
    unbound_at  timestamptz
);
