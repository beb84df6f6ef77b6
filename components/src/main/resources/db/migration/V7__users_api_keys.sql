-- The people who sign in to the HTTP API and the dashboard. Passwords are bcrypt hashes (the $2a$/$2b$ text form,
-- salt and cost included); the plain password is never stored.
CREATE TABLE app_user (
    name                text        PRIMARY KEY CHECK (name ~ '^[a-z0-9][a-z0-9._@-]{0,63}$'),
    role                text        NOT NULL CHECK (role IN ('admin', 'staff')),
    password_hash       text        NOT NULL,
    created_at          timestamptz NOT NULL DEFAULT now(),
    password_changed_at timestamptz NOT NULL DEFAULT now()
);

-- Applications' keys (header X-API-Key). A key is 256 random bits, so its SHA-256 is enough to store: nobody can
-- guess a key from it, and a lookup is one index probe per request. A revoked key stays listed; its name may then
-- be given to a new key.
CREATE TABLE api_key (
    id         bigserial   PRIMARY KEY,
    name       text        NOT NULL CHECK (name ~ '^[a-z0-9][a-z0-9._@-]{0,63}$'),
    key_sha256 text        NOT NULL UNIQUE,
    role       text        NOT NULL CHECK (role IN ('admin', 'staff')),
    created_by text,
    created_at timestamptz NOT NULL DEFAULT now(),
    revoked_at timestamptz
);

CREATE UNIQUE INDEX api_key_live_name ON api_key (name) WHERE revoked_at IS NULL;
