-- Returns a value different from the version sent (Orleans reads an unchanged value as a conflict).
DELETE FROM grain_state
 WHERE service_id = @ServiceId
   AND state_name = @GrainTypeString
   AND key_n0 = @GrainIdN0
   AND key_n1 = @GrainIdN1
   AND key_text = coalesce(@GrainIdExtensionString, '')
   AND version = @GrainStateVersion::integer
RETURNING version + 1;
