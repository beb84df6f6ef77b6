-- Messages the hub set aside after they failed the same way twice (an email whose content the database refuses, say),
-- instead of reading and failing them forever: where each came from, what names it there, the sender and why.
CREATE TABLE dead_letter (
    id         bigserial   PRIMARY KEY,
    source     text        NOT NULL,
    reference  text        NOT NULL,
    sender     text,
    error      text        NOT NULL,
    attempts   int         NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now()
);
