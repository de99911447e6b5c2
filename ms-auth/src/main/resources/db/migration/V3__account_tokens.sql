-- Confirmed e-mail addresses, and the version of a user's tokens: a password reset raises it, and ms-auth
-- refuses (and does not refresh) tokens carrying an older one.
ALTER TABLE users ADD COLUMN email_verified_at TIMESTAMPTZ;
ALTER TABLE users ADD COLUMN token_version INTEGER NOT NULL DEFAULT 0;

-- The single-use tokens sent by e-mail (address verification, password reset). Only the SHA-256 of a token is
-- kept; one live token per user and purpose, so a new one replaces the last, and using one deletes it.
CREATE TABLE account_tokens (
    token_hash CHAR(64)    PRIMARY KEY,
    user_id    UUID        NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    purpose    VARCHAR(16) NOT NULL,
    created_at TIMESTAMPTZ NOT NULL,
    expires_at TIMESTAMPTZ NOT NULL,
    CONSTRAINT account_tokens_purpose CHECK (purpose IN ('verify-email', 'reset-password')),
    CONSTRAINT account_tokens_one_per_purpose UNIQUE (user_id, purpose)
);

CREATE INDEX account_tokens_expires_at ON account_tokens (expires_at);
