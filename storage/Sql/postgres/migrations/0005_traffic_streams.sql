-- Schema 5 (PostgreSQL): the queues of the durable traffic streams (--traffic adonet). Orleans' ADO.NET stream
-- provider only runs our texts (queries/*Stream*.sql) against these tables. They are created whatever traffic
-- provider a silo uses, so switching provider needs no schema step. IF NOT EXISTS: safe to apply by hand again.

-- One row per batch of events the provider queued. message_id is increasing, not commit-ordered; the provider keeps
-- its own delivery order. dequeued counts delivery attempts and is the receipt a confirmation must show.
CREATE TABLE IF NOT EXISTS stream_message (
    service_id  text        NOT NULL,
    provider_id text        NOT NULL,
    queue_id    text        NOT NULL,
    message_id  bigint      GENERATED ALWAYS AS IDENTITY,
    dequeued    integer     NOT NULL DEFAULT 0,
    visible_on  timestamptz NOT NULL,   -- hidden while a delivery is in flight, until its visibility timeout
    expires_on  timestamptz NOT NULL,
    created_on  timestamptz NOT NULL,
    modified_on timestamptz NOT NULL,
    payload     bytea       NOT NULL,
    PRIMARY KEY (service_id, provider_id, queue_id, message_id)
) WITH (fillfactor = 80);   -- room for in-page (HOT) updates: every delivery updates its row once

-- Messages that expired or used up their attempts, kept until remove_on for inspection.
CREATE TABLE IF NOT EXISTS stream_dead_letter (
    service_id  text        NOT NULL,
    provider_id text        NOT NULL,
    queue_id    text        NOT NULL,
    message_id  bigint      NOT NULL,
    dequeued    integer     NOT NULL,
    visible_on  timestamptz NOT NULL,
    expires_on  timestamptz NOT NULL,
    created_on  timestamptz NOT NULL,
    modified_on timestamptz NOT NULL,
    dead_on     timestamptz NOT NULL,
    remove_on   timestamptz NOT NULL,
    payload     bytea       NOT NULL,
    PRIMARY KEY (service_id, provider_id, queue_id, message_id)
);

CREATE INDEX IF NOT EXISTS stream_dead_letter_removal ON stream_dead_letter (service_id, provider_id, queue_id, remove_on);

-- When each queue was last swept. The provider never runs the eviction texts itself: the dequeue text sweeps, at most
-- once per eviction interval per queue, and this row says whose turn it is.
CREATE TABLE IF NOT EXISTS stream_queue (
    service_id  text        NOT NULL,
    provider_id text        NOT NULL,
    queue_id    text        NOT NULL,
    evicted_on  timestamptz NOT NULL,
    PRIMARY KEY (service_id, provider_id, queue_id)
);
