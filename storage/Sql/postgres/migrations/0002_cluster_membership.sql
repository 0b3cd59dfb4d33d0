-- Schema 2 (PostgreSQL): cluster membership, so several silos can share one database.
-- One version row per deployment is the ETag of the whole membership table.

CREATE TABLE cluster_version (
    deployment_id text        NOT NULL PRIMARY KEY,
    version       integer     NOT NULL,
    updated_utc   timestamptz NOT NULL
);

CREATE TABLE cluster_member (
    deployment_id   text        NOT NULL REFERENCES cluster_version (deployment_id) ON DELETE CASCADE,
    address         text        NOT NULL,
    port            integer     NOT NULL,
    generation      integer     NOT NULL,
    silo_name       text        NOT NULL,
    host_name       text        NOT NULL,
    status          integer     NOT NULL,
    proxy_port      integer,
    suspect_times   text,
    start_time      timestamptz NOT NULL,
    i_am_alive_time timestamptz NOT NULL,
    PRIMARY KEY (deployment_id, address, port, generation)
);
