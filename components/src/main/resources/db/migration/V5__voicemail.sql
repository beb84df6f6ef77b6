-- Voicemail from the PBX: every message-summary NOTIFY received, the counts last seen per mailbox (so that a repeated
-- NOTIFY does not notify the owner twice), and the Asterisk voicemail emails already forwarded.

-- One row per NOTIFY, for the journal and the API. Kept to one narrow insert: the PBX may send thousands a second.
CREATE TABLE voicemail_notify (
    id          bigserial   PRIMARY KEY,
    mailbox     text        NOT NULL,
    new_count   int         NOT NULL CHECK (new_count >= 0),
    old_count   int         NOT NULL CHECK (old_count >= 0),
    urgent_new  int         NOT NULL DEFAULT 0 CHECK (urgent_new >= 0),
    urgent_old  int         NOT NULL DEFAULT 0 CHECK (urgent_old >= 0),
    -- the sender's address as host:port (or whatever the SIP side names it)
    source      text,
    notified    boolean     NOT NULL,
    received_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX voicemail_notify_mailbox ON voicemail_notify (mailbox, id);

-- Per mailbox: the counts of the last NOTIFY and the new count the owner was last told about (or, after messages
-- were listened to, the lower count, so that the next rise notifies again).
CREATE TABLE voicemail_mailbox (
    mailbox          text        PRIMARY KEY,
    new_count        int         NOT NULL,
    old_count        int         NOT NULL,
    urgent_new       int         NOT NULL DEFAULT 0,
    urgent_old       int         NOT NULL DEFAULT 0,
    notified_new     int         NOT NULL DEFAULT 0,
    -- whether the last NOTIFY led to a notification, and how many notifications there were: the latter numbers the
    -- notification emails, whose Message-ID must be the same when one is sent again after a crash
    last_notified    boolean     NOT NULL DEFAULT false,
    -- what the last NOTIFY did to the new count against notified_new before it: FIRST, ROSE, SAME or FELL
    last_change      text        NOT NULL DEFAULT 'FIRST',
    previous_notified int        NOT NULL DEFAULT 0,
    notifications    bigint      NOT NULL DEFAULT 0,
    updated_at       timestamptz NOT NULL DEFAULT now(),
    notified_at      timestamptz
);

-- Asterisk's own voicemail emails (attach=yes) read from IMAP: each forwarded once, whatever IMAP shows twice.
CREATE TABLE voicemail_forward (
    message_id  text        PRIMARY KEY,
    mailbox     text,
    caller      text,
    claimed_at  timestamptz NOT NULL DEFAULT now()
);
