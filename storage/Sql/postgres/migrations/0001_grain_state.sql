-- Ratio1.Orleans schema 1 (PostgreSQL): the query table read by Orleans' ADO.NET providers, and grain state.
-- Identifiers are unquoted: the providers query orleansquery/querykey/querytext unquoted.

CREATE TABLE OrleansQuery (
    QueryKey  text NOT NULL PRIMARY KEY,
    QueryText text NOT NULL
);

CREATE TABLE grain_state (
    service_id  text        NOT NULL,
    state_name  text        NOT NULL,   -- the [PersistentState] name, unique per grain class
    key_n0      bigint      NOT NULL,
    key_n1      bigint      NOT NULL,
    key_text    text        NOT NULL DEFAULT '',   -- string keys (all of ours); '' rather than NULL so the key is unique
    id_hash     integer     NOT NULL,
    type_hash   integer     NOT NULL,
    payload     bytea,                             -- NULL: cleared
    version     integer     NOT NULL,
    updated_utc timestamptz NOT NULL,
    PRIMARY KEY (service_id, state_name, key_n0, key_n1, key_text)
);
