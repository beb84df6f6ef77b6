-- Broadcasts to contacts picked by their attributes: saved segments, the broadcast itself, and the outbound table as a
-- two-lane dispatch queue with one row per recipient.

-- Contacts: attributes are a flat JSON object of strings ({"school": "SMA N 1 Yogyakarta", "graduation_year": "2018"});
-- a filter is a containment test on it, which this index serves.
ALTER TABLE contact ADD COLUMN updated_at timestamptz NOT NULL DEFAULT now();
CREATE INDEX contact_attributes ON contact USING gin (attributes jsonb_path_ops);

-- A named, saved filter. The name is also the local part of SEGMENT@broadcast.DOMAIN, hence its shape.
CREATE TABLE segment (
    name        text        PRIMARY KEY CHECK (name ~ '^[a-z0-9][a-z0-9._-]{0,62}$'),
    -- {"attribute": "value", ...}: a contact matches when every attribute has that value
    filter      jsonb       NOT NULL,
    description text,
    created_by  text,
    created_at  timestamptz NOT NULL DEFAULT now(),
    updated_at  timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE broadcast (
    id                 bigserial   PRIMARY KEY,
    requested_by       text        NOT NULL,
    source             text        NOT NULL,
    -- the request email's Message-ID (or an API idempotency key): the same request read twice is one broadcast
    source_ref         text        UNIQUE,
    segment            text,
    filter             jsonb       NOT NULL,
    template           text        NOT NULL,
    -- AWAITING_CONFIRMATION: planned, its rows HELD until the sender confirms; SENDING: rows released to dispatch;
    -- DONE: every row final and the report sent; CANCELLED: rows cancelled before they went out
    status             text        NOT NULL CHECK (status IN ('AWAITING_CONFIRMATION', 'SENDING', 'DONE', 'CANCELLED')),
    recipients         int         NOT NULL DEFAULT 0,
    opted_out          int         NOT NULL DEFAULT 0,
    invalid            int         NOT NULL DEFAULT 0,
    duplicates         int         NOT NULL DEFAULT 0,
    parts              int         NOT NULL DEFAULT 0,
    -- the preview email's Message-ID: a reply "YES" to it (In-Reply-To/References) confirms the broadcast
    preview_message_id text,
    report_message_id  text,
    created_at         timestamptz NOT NULL DEFAULT now(),
    confirmed_at       timestamptz,
    finished_at        timestamptz,
    reported_at        timestamptz
);

CREATE INDEX broadcast_preview_message_id ON broadcast (preview_message_id) WHERE preview_message_id IS NOT NULL;
CREATE INDEX broadcast_open ON broadcast (id) WHERE status = 'SENDING';

-- Outbound SMS: HELD rows belong to a broadcast awaiting confirmation; CANCELLED ones to a cancelled broadcast.
-- SENDING now means "handed to one modem" (a dispatcher claims one row per modem at a time), so after a crash only
-- those rows may have gone out already: they are sent again and marked possible_duplicate.
ALTER TABLE outbound_sms DROP CONSTRAINT outbound_sms_status_check;
ALTER TABLE outbound_sms
    ADD CONSTRAINT outbound_sms_status_check
        CHECK (status IN ('HELD', 'PENDING', 'SENDING', 'SENT', 'FAILED', 'CANCELLED')),
    ADD COLUMN broadcast_id       bigint   REFERENCES broadcast (id),
    -- 0: single SMS (replies, API sends) go first; 1: broadcasts
    ADD COLUMN lane               smallint NOT NULL DEFAULT 0 CHECK (lane IN (0, 1)),
    -- the +CMS/+CME code of the last failure, when the modem gave one
    ADD COLUMN error_code         int,
    ADD COLUMN possible_duplicate boolean  NOT NULL DEFAULT false;

-- One SMS per number per broadcast, whatever the contact list holds twice.
CREATE UNIQUE INDEX outbound_sms_broadcast_recipient ON outbound_sms (broadcast_id, recipient)
    WHERE broadcast_id IS NOT NULL;
DROP INDEX outbound_sms_due;
CREATE INDEX outbound_sms_due ON outbound_sms (lane, id) WHERE status = 'PENDING';
CREATE INDEX outbound_sms_broadcast_status ON outbound_sms (broadcast_id, status) WHERE broadcast_id IS NOT NULL;
