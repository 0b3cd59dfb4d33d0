-- Keeps the row (and its version counter) but drops the state.
UPDATE grain_state
   SET payload = NULL,
       version = version + 1,
       updated_utc = now()
 WHERE service_id = @ServiceId
   AND state_name = @GrainTypeString
   AND key_n0 = @GrainIdN0
   AND key_n1 = @GrainIdN1
   AND key_text = coalesce(@GrainIdExtensionString, '')
   AND version = @GrainStateVersion::integer
RETURNING version;
