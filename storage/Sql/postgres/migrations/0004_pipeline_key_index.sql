-- Schema 4 (PostgreSQL): listing a node's pipelines is a range scan on the grain key. The primary key's index uses
-- the database's collation, where a byte-wise prefix range does not hold; this index compares bytes.
CREATE INDEX grain_state_key_bytes ON grain_state (service_id, state_name, key_text COLLATE "C");
