-- The notifications owners are owed, written in the same statement that decides them (store first): the NOTIFY is
-- answered 200 once this row is committed, and the email (and SMS) go out from here, retried until they do.
CREATE TABLE voicemail_notification (
    id              bigserial   PRIMARY KEY,
    mailbox         text        NOT NULL,
    -- the mailbox's notification number (voicemail_mailbox.notifications), part of the email's Message-ID
    notification    bigint      NOT NULL,
    new_count       int         NOT NULL,
    old_count       int         NOT NULL,
    urgent_new      int         NOT NULL,
    urgent_old      int         NOT NULL,
    notify_id       bigint      NOT NULL,
    status          text        NOT NULL DEFAULT 'PENDING' CHECK (status IN ('PENDING', 'SENT', 'FAILED')),
    attempts        int         NOT NULL DEFAULT 0,
    next_attempt_at timestamptz,
    error           text,
    created_at      timestamptz NOT NULL DEFAULT now(),
    sent_at         timestamptz,
    UNIQUE (mailbox, notification)
);

CREATE INDEX voicemail_notification_due ON voicemail_notification (next_attempt_at NULLS FIRST, id)
    WHERE status = 'PENDING';
