-- Schema 2 (SQLite): every version of every pipeline, archived by triggers in the same transaction as the pipeline's
-- state write, so a version is in the history exactly when it was committed and the history goes with a deleted pipeline.
-- Coupled to the pipeline grain's stored state: state name 'pipeline', key 'pipeline:<node>/<name>', and the
-- current version at $.state.current (see grains/Pipelines/PipelineState.cs).

CREATE TABLE pipeline_history (
    service_id   TEXT    NOT NULL,
    pipeline_key TEXT    NOT NULL,   -- the pipeline grain's key
    version      INTEGER NOT NULL,
    record       TEXT    NOT NULL,   -- the version as stored in $.state.current (JSON)
    recorded_utc TEXT    NOT NULL,
    PRIMARY KEY (service_id, pipeline_key, version)
);  -- a rowid table, like grain_state: its rows are whole configs

-- The current version is extracted once per write (the JSON is parsed once), and only a record that has one is kept.
CREATE TRIGGER pipeline_history_on_insert AFTER INSERT ON grain_state
WHEN NEW.state_name = 'pipeline' AND NEW.payload IS NOT NULL
BEGIN
    INSERT OR REPLACE INTO pipeline_history (service_id, pipeline_key, version, record, recorded_utc)
    SELECT NEW.service_id, NEW.key_text, c.record ->> '$.version', c.record, strftime('%Y-%m-%dT%H:%M:%fZ', 'now')
      FROM (SELECT CAST(NEW.payload AS TEXT) -> '$.state.current' AS record) AS c
     WHERE c.record IS NOT NULL AND c.record <> 'null';
END;

CREATE TRIGGER pipeline_history_on_update AFTER UPDATE OF payload ON grain_state
WHEN NEW.state_name = 'pipeline' AND NEW.payload IS NOT NULL
BEGIN
    INSERT OR REPLACE INTO pipeline_history (service_id, pipeline_key, version, record, recorded_utc)
    SELECT NEW.service_id, NEW.key_text, c.record ->> '$.version', c.record, strftime('%Y-%m-%dT%H:%M:%fZ', 'now')
      FROM (SELECT CAST(NEW.payload AS TEXT) -> '$.state.current' AS record) AS c
     WHERE c.record IS NOT NULL AND c.record <> 'null';
END;

-- A deleted (or cleared) pipeline takes its history with it.
CREATE TRIGGER pipeline_history_on_delete AFTER DELETE ON grain_state
WHEN OLD.state_name = 'pipeline'
BEGIN
    DELETE FROM pipeline_history WHERE service_id = OLD.service_id AND pipeline_key = OLD.key_text;
END;

CREATE TRIGGER pipeline_history_on_clear AFTER UPDATE OF payload ON grain_state
WHEN NEW.state_name = 'pipeline' AND NEW.payload IS NULL
BEGIN
    DELETE FROM pipeline_history WHERE service_id = NEW.service_id AND pipeline_key = NEW.key_text;
END;
