-- MO routing, as Kannel's sms-service does it: a rule matches an inbound SMS by the number it was sent to (a short
-- code), its first word (a keyword, with aliases) or a pattern, and hands it to an application: an HTTP URL, or an
-- SMPP account's receiver bind. What no rule matches goes to the help desk by email as before.

-- The number an SMS was sent to, when the channel knows it (an SMSC's destination_addr: the short code).
ALTER TABLE inbound_sms ADD COLUMN destination text;
-- ROUTED: handed to an application by a rule instead of the help desk (mo_delivery says where and how it went).
ALTER TABLE inbound_sms DROP CONSTRAINT inbound_sms_email_status_check;
ALTER TABLE inbound_sms ADD CONSTRAINT inbound_sms_email_status_check
    CHECK (email_status IN ('PENDING', 'SENT', 'FAILED', 'ROUTED'));

CREATE TABLE mo_rule (
    name        text        PRIMARY KEY CHECK (name ~ '^[a-z0-9][a-z0-9._-]{0,63}$'),
    -- NULL: any number; keywords upper-cased, empty: any first word; pattern: a regular expression found in the text
    short_code  text,
    keywords    text[]      NOT NULL DEFAULT '{}',
    pattern     text,
    target      text        NOT NULL CHECK (target IN ('http', 'smpp')),
    url         text,
    method      text        NOT NULL DEFAULT 'GET' CHECK (method IN ('GET', 'POST')),
    -- the HTTP answer's body, when not empty, is sent back to the subscriber as the reply SMS
    reply       boolean     NOT NULL DEFAULT false,
    system_id   text,
    -- lower first; among equals the more specific (short code and keyword) first
    priority    int         NOT NULL DEFAULT 100,
    created_by  text,
    created_at  timestamptz NOT NULL DEFAULT now(),
    CHECK (target <> 'http' OR url IS NOT NULL),
    CHECK (target <> 'smpp' OR system_id IS NOT NULL)
);

-- Each routed SMS's hand-over, made in the transaction that stores the SMS, retried with backoff until the
-- application takes it. The rule's target is copied: a rule changed or removed later does not change where it goes.
CREATE TABLE mo_delivery (
    id              bigserial   PRIMARY KEY,
    inbound_id      bigint      NOT NULL UNIQUE REFERENCES inbound_sms (id),
    rule_name       text        NOT NULL,
    target          text        NOT NULL,
    url             text,
    method          text,
    reply           boolean     NOT NULL DEFAULT false,
    system_id       text,
    keyword         text,
    status          text        NOT NULL DEFAULT 'PENDING' CHECK (status IN ('PENDING', 'DONE', 'FAILED')),
    attempts        int         NOT NULL DEFAULT 0,
    -- also the lease of a hand-over under way
    next_attempt_at timestamptz NOT NULL DEFAULT now(),
    http_status     int,
    error           text,
    done_at         timestamptz,
    reply_sms_id    bigint      REFERENCES outbound_sms (id)
);

CREATE INDEX mo_delivery_due ON mo_delivery (target, next_attempt_at, id) WHERE status = 'PENDING';
