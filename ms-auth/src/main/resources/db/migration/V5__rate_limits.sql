-- Requests counted against a rate limit, one row each: a limit is a count of rows inside its sliding window,
-- shared by every replica. Refused requests are not kept.
CREATE TABLE rate_limit_hits (
    id      BIGSERIAL    PRIMARY KEY,
    bucket  VARCHAR(32)  NOT NULL,
    subject VARCHAR(254) NOT NULL,
    hit_at  TIMESTAMPTZ  NOT NULL
);

CREATE INDEX rate_limit_hits_subject ON rate_limit_hits (bucket, subject, hit_at);
CREATE INDEX rate_limit_hits_hit_at ON rate_limit_hits (hit_at);
