-- Schema 6 (PostgreSQL): one live silo per node. A silo holds its node with a session advisory lock (its key derived
-- from service and node id, see silo/Leases/PostgresNodeLease.cs); this row only describes the holder, so that a silo
-- refused for that node can name it. It is the holder's only when backend_pid is the session that holds the lock: a
-- silo killed without a clean stop leaves its row, which the next holder overwrites.
CREATE TABLE IF NOT EXISTS node_lease (
    service_id      text        NOT NULL,
    node_id         text        NOT NULL,
    silo_address    text        NOT NULL,
    gateway_address text        NOT NULL,
    host_name       text        NOT NULL,
    process_id      integer     NOT NULL,
    started_utc     timestamptz NOT NULL,
    backend_pid     integer     NOT NULL,
    PRIMARY KEY (service_id, node_id)
);
