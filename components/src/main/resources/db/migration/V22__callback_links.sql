-- The "call back" links of the help desk's emails: each link is signed by the hub (HMAC-SHA256) and carries the
-- inbound SMS, its sender's number and when it expires, so checking one needs no row; a row is written only when a
-- link is used, which is what makes it work once.

-- Secrets the nodes share: a link signed by one node is checked by whichever node the staff's browser reaches, so the
-- key lives beside the data they all see rather than in one node's files. Deleting the row (and restarting the hubs)
-- makes a new key and voids every link sent.
CREATE TABLE hub_secret (
    name       text        PRIMARY KEY,
    secret     bytea       NOT NULL CHECK (length(secret) >= 32),
    created_at timestamptz NOT NULL DEFAULT now()
);

-- One row per link used: the SHA-256 of the token (never the token), who used it and the call it started.
CREATE TABLE callback_link (
    digest     bytea       PRIMARY KEY,
    sms_id     bigint      NOT NULL,
    number     e164        NOT NULL,
    expires_at timestamptz NOT NULL,
    used_at    timestamptz NOT NULL DEFAULT now(),
    used_by    text        NOT NULL,
    call_id    bigint      REFERENCES call (id) ON DELETE SET NULL
);

-- Rows of links long expired may be deleted: an expired link is refused by its own signed expiry.
CREATE INDEX callback_link_expires ON callback_link (expires_at);
