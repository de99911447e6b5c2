-- Failed logins, one row per failure with the e-mail address tried and the client address it came from. Three
-- counts are read from it: per (e-mail, client address) for growing delays, per client address across accounts,
-- and per e-mail address across client addresses (the account's budget). The old per-counter rows only ever
-- mattered for 15 minutes, so they are dropped rather than converted.
DROP TABLE login_failures;

CREATE TABLE login_failures (
    id        BIGSERIAL    PRIMARY KEY,
    email     VARCHAR(254) NOT NULL,
    address   VARCHAR(45)  NOT NULL,
    failed_at TIMESTAMPTZ  NOT NULL
);

CREATE INDEX login_failures_account ON login_failures (email, address, failed_at);
CREATE INDEX login_failures_address ON login_failures (address, failed_at);
CREATE INDEX login_failures_failed_at ON login_failures (failed_at);

-- Client addresses a user has logged in from: the account's budget does not apply to them, so an attack on the
-- account from elsewhere does not lock its owner out of their own network.
CREATE TABLE known_addresses (
    user_id       UUID        NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    address       VARCHAR(45) NOT NULL,
    last_login_at TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (user_id, address)
);

CREATE INDEX known_addresses_last_login_at ON known_addresses (last_login_at);
