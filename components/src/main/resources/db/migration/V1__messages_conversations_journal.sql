-- The hub's state: inbound and outbound SMS (each also the work queue of its flow), which email thread
-- belongs to which number, contacts, opt-outs, and the journal of every hop.
-- Numbers are E.164 everywhere; timestamps carry their zone.

CREATE DOMAIN e164 AS text CHECK (VALUE ~ '^\+[1-9][0-9]{6,14}$');

CREATE TABLE contact (
    id          bigserial   PRIMARY KEY,
    number      e164        NOT NULL UNIQUE,
    name        text,
    attributes  jsonb       NOT NULL DEFAULT '{}'::jsonb,
    created_at  timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE inbound_sms (
    id                    bigserial   PRIMARY KEY,
    modem                 text        NOT NULL,
    -- not e164: an originator may be alphanumeric ("BANK", "Telkomsel") and is still worth an email
    originator            text        NOT NULL,
    text                  text        NOT NULL,
    parts                 int         NOT NULL DEFAULT 1 CHECK (parts >= 1),
    incomplete            boolean     NOT NULL DEFAULT false,
    received_at           timestamptz NOT NULL,
    stored_at             timestamptz NOT NULL DEFAULT now(),
    -- sha-256 of modem|originator|SCTS|text: reading the same SMS again after a crash between the
    -- commit and the modem's delete must not make a second row
    fingerprint           text        NOT NULL UNIQUE,
    opt_out_keyword       text,
    email_status          text        NOT NULL DEFAULT 'PENDING'
                                      CHECK (email_status IN ('PENDING', 'SENT', 'FAILED')),
    email_attempts        int         NOT NULL DEFAULT 0,
    email_next_attempt_at timestamptz,
    email_message_id      text,
    emailed_at            timestamptz,
    email_error           text
);

CREATE INDEX inbound_sms_email_due ON inbound_sms (email_next_attempt_at NULLS FIRST, id)
    WHERE email_status = 'PENDING';
CREATE INDEX inbound_sms_email_message_id ON inbound_sms (email_message_id)
    WHERE email_message_id IS NOT NULL;

CREATE TABLE conversation (
    number          e164        PRIMARY KEY,
    root_message_id text        NOT NULL,
    last_message_id text        NOT NULL,
    updated_at      timestamptz NOT NULL DEFAULT now()
);

CREATE INDEX conversation_root_message_id ON conversation (root_message_id);
CREATE INDEX conversation_last_message_id ON conversation (last_message_id);

CREATE TABLE outbound_sms (
    id              bigserial   PRIMARY KEY,
    recipient       e164        NOT NULL,
    text            text        NOT NULL,
    source          text        NOT NULL,
    -- e.g. the staff email's Message-ID: storing the same reply twice gives one row (NULLs never collide)
    source_ref      text        UNIQUE,
    requested_by    text,
    status          text        NOT NULL DEFAULT 'PENDING'
                                CHECK (status IN ('PENDING', 'SENDING', 'SENT', 'FAILED')),
    attempts        int         NOT NULL DEFAULT 0,
    next_attempt_at timestamptz,
    -- when the current SENDING claim was taken: lets a node requeue only claims older than a lease
    claimed_at      timestamptz,
    modem           text,
    parts           int,
    message_refs    int[],
    error           text,
    created_at      timestamptz NOT NULL DEFAULT now(),
    sent_at         timestamptz
);

CREATE INDEX outbound_sms_due ON outbound_sms (next_attempt_at NULLS FIRST, id) WHERE status = 'PENDING';
CREATE INDEX outbound_sms_sending ON outbound_sms (id) WHERE status = 'SENDING';

CREATE TABLE opt_out (
    number       e164        PRIMARY KEY,
    keyword      text        NOT NULL,
    opted_out_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE journal (
    id           bigserial   PRIMARY KEY,
    message_kind text        NOT NULL,
    message_id   bigint      NOT NULL,
    hop          text        NOT NULL,
    at           timestamptz NOT NULL,
    route        text,
    detail       text,
    error        text
);

CREATE INDEX journal_message ON journal (message_kind, message_id, at);
