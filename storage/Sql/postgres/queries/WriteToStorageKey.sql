-- Update when the caller holds the current version; insert version 1 when it holds none and no row exists.
-- Anything else returns no row, which Orleans reports as a conflict. One statement, so it is atomic.
WITH updated AS (
    UPDATE grain_state
       SET payload = @PayloadBinary,
           version = version + 1,
           updated_utc = now()
     WHERE @GrainStateVersion::integer IS NOT NULL
       AND service_id = @ServiceId
       AND state_name = @GrainTypeString
       AND key_n0 = @GrainIdN0
       AND key_n1 = @GrainIdN1
       AND key_text = coalesce(@GrainIdExtensionString, '')
       AND version = @GrainStateVersion::integer
    RETURNING version
), inserted AS (
    INSERT INTO grain_state (service_id, state_name, key_n0, key_n1, key_text, id_hash, type_hash, payload, version, updated_utc)
    SELECT @ServiceId, @GrainTypeString, @GrainIdN0, @GrainIdN1, coalesce(@GrainIdExtensionString, ''),
           @GrainIdHash, @GrainTypeHash, @PayloadBinary, 1, now()
     WHERE @GrainStateVersion::integer IS NULL
        ON CONFLICT DO NOTHING
    RETURNING version
)
SELECT version AS "NewGrainStateVersion" FROM updated
UNION ALL
SELECT version FROM inserted;
