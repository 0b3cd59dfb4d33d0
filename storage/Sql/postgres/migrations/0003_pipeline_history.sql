-- Schema 3 (PostgreSQL): every version of every pipeline, archived by triggers in the same transaction as the
-- pipeline's state write, so a version is in the history exactly when it was committed and the history goes with a
-- deleted pipeline. Coupled to the pipeline grain's stored state: state name 'pipeline', key
-- 'pipeline:<node>/<name>', and the current version at state.current (see grains/Pipelines/PipelineState.cs).
-- json (not jsonb) keeps the record's text as written: key order and number literals.

CREATE TABLE pipeline_history (
    service_id   text        NOT NULL,
    pipeline_key text        NOT NULL,   -- the pipeline grain's key
    version      integer     NOT NULL,
    record       json        NOT NULL,   -- the version as stored in state.current
    recorded_utc timestamptz NOT NULL,
    PRIMARY KEY (service_id, pipeline_key, version)
);

CREATE FUNCTION r1_archive_pipeline_version() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    current_version json;
BEGIN
    IF NEW.payload IS NULL THEN
        DELETE FROM pipeline_history WHERE service_id = NEW.service_id AND pipeline_key = NEW.key_text;
        RETURN NEW;
    END IF;

    current_version := convert_from(NEW.payload, 'UTF8')::json -> 'state' -> 'current';
    IF current_version IS NOT NULL AND current_version::text <> 'null' THEN
        INSERT INTO pipeline_history (service_id, pipeline_key, version, record, recorded_utc)
        VALUES (NEW.service_id, NEW.key_text, (current_version ->> 'version')::integer, current_version, now())
        ON CONFLICT (service_id, pipeline_key, version)
        DO UPDATE SET record = excluded.record, recorded_utc = excluded.recorded_utc;
    END IF;
    RETURN NEW;
END;
$$;

CREATE FUNCTION r1_forget_pipeline_history() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    DELETE FROM pipeline_history WHERE service_id = OLD.service_id AND pipeline_key = OLD.key_text;
    RETURN OLD;
END;
$$;

CREATE TRIGGER pipeline_history_on_write AFTER INSERT OR UPDATE OF payload ON grain_state
FOR EACH ROW WHEN (NEW.state_name = 'pipeline')
EXECUTE FUNCTION r1_archive_pipeline_version();

CREATE TRIGGER pipeline_history_on_delete AFTER DELETE ON grain_state
FOR EACH ROW WHEN (OLD.state_name = 'pipeline')
EXECUTE FUNCTION r1_forget_pipeline_history();
