-- Messages for the notifications queue, written in the transaction of the change that causes them and sent by
-- the outbox publisher afterwards: a crash between the commit and the send loses nothing. A row is deleted once
-- SQS has the message; until then it is retried (the message's eventId lets ms-notify drop a duplicate).
CREATE TABLE notification_outbox (
    event_id     UUID        PRIMARY KEY,
    body         TEXT        NOT NULL,
    traceparent  VARCHAR(55),
    created_at   TIMESTAMPTZ NOT NULL,
    available_at TIMESTAMPTZ NOT NULL,
    attempts     INTEGER     NOT NULL DEFAULT 0
);

CREATE INDEX notification_outbox_available_at ON notification_outbox (available_at);
