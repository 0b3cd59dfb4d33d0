-- Required by the provider at start but not run by it (GetStreamMessagesKey sweeps instead); kept equivalent to that
-- sweep so it is safe if a later provider calls it: up to @MaxCount expired or exhausted messages that no delivery can
-- still confirm go to the dead letters, kept @RemovalTimeout seconds.
WITH doomed AS (
    SELECT message_id
      FROM stream_message
     WHERE service_id = @ServiceId AND provider_id = @ProviderId AND queue_id = @QueueId
       AND visible_on <= now()
       AND (expires_on <= now() OR dequeued >= @MaxAttempts)
     ORDER BY message_id
     LIMIT @MaxCount
       FOR UPDATE SKIP LOCKED
), evicted AS (
    DELETE FROM stream_message m
     USING doomed d
     WHERE m.service_id = @ServiceId AND m.provider_id = @ProviderId AND m.queue_id = @QueueId
       AND m.message_id = d.message_id
    RETURNING m.*
)
INSERT INTO stream_dead_letter (service_id, provider_id, queue_id, message_id, dequeued, visible_on, expires_on,
                                created_on, modified_on, dead_on, remove_on, payload)
SELECT service_id, provider_id, queue_id, message_id, dequeued, visible_on, expires_on,
       created_on, modified_on, now(), now() + @RemovalTimeout * interval '1 second', payload
  FROM evicted
    ON CONFLICT DO NOTHING;
