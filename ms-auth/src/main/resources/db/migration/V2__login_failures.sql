-- Failed logins, one row per failure and per counter: 'email' rows count against the e-mail
-- address tried, 'address' rows against the client's network address. A lockout is a count of
-- rows inside the sliding window, so it survives restarts and is shared by every replica.
CREATE TABLE login_failures (
    id        BIGSERIAL    PRIMARY KEY,
    scope     VARCHAR(8)   NOT NULL,
    subject   VARCHAR(254) NOT NULL,
    failed_at TIMESTAMPTZ  NOT NULL,
    CONSTRAINT login_failures_scope CHECK (scope IN ('email', 'address'))
);

CREATE INDEX login_failures_subject ON login_failures (scope, subject, failed_at);
CREATE INDEX login_failures_failed_at ON login_failures (failed_at);
