-- Versions @Newest down to @Oldest of one pipeline, newest first.
SELECT record
  FROM pipeline_history
 WHERE service_id = @ServiceId
   AND pipeline_key = @PipelineKey
   AND version <= @Newest AND version >= @Oldest
 ORDER BY version DESC;
