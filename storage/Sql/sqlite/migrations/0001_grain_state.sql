-- Ratio1.Orleans schema 1 (SQLite): the query table read by Orleans' ADO.NET providers, and grain state.
-- A row is identified by its natural key; the hashes Orleans sends are kept only as a lookup aid.

CREATE TABLE OrleansQuery (
    QueryKey  TEXT NOT NULL PRIMARY KEY,
    QueryText TEXT NOT NULL
);

CREATE TABLE grain_state (
    service_id  TEXT    NOT NULL,
    state_name  TEXT    NOT NULL,   -- the [PersistentState] name, unique per grain class
    key_n0      INTEGER NOT NULL,
    key_n1      INTEGER NOT NULL,
    key_text    TEXT    NOT NULL DEFAULT '',   -- string keys (all of ours); '' rather than NULL so the key is unique
    id_hash     INTEGER NOT NULL,
    type_hash   INTEGER NOT NULL,
    payload     BLOB,                          -- NULL: cleared
    version     INTEGER NOT NULL,
    updated_utc TEXT    NOT NULL,
    PRIMARY KEY (service_id, state_name, key_n0, key_n1, key_text)
);  -- a rowid table: rows of a few KB are slower to rewrite in a WITHOUT ROWID b-tree
