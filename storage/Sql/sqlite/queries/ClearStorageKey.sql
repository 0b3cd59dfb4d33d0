-- Keeps the row (and its version counter) but drops the state.
UPDATE grain_state
   SET payload = NULL,
       version = version + 1,
       updated_utc = strftime('%Y-%m-%dT%H:%M:%fZ', 'now')
 WHERE service_id = @ServiceId
   AND state_name = @GrainTypeString
   AND key_n0 = @GrainIdN0
   AND key_n1 = @GrainIdN1
   AND key_text = ifnull(@GrainIdExtensionString, '')
   AND version = @GrainStateVersion
RETURNING version;
