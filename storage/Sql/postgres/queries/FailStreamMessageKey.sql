-- Orleans gave up delivering a message: one that has used its @MaxAttempts or expired goes to the dead letters (kept
-- @RemovalTimeout seconds); any other becomes visible again for another attempt. Returns nothing.
WITH given_up AS (
    DELETE FROM stream_message
     WHERE service_id = @ServiceId AND provider_id = @ProviderId AND queue_id = @QueueId
       AND message_id = @MessageId
       AND (dequeued >= @MaxAttempts OR expires_on <= now())
    RETURNING *
), buried AS (
    INSERT INTO stream_dead_letter (service_id, provider_id, queue_id, message_id, dequeued, visible_on, expires_on,
                                    created_on, modified_on, dead_on, remove_on, payload)
    SELECT service_id, provider_id, queue_id, message_id, dequeued, visible_on, expires_on,
           created_on, modified_on, now(), now() + @RemovalTimeout * interval '1 second', payload
      FROM given_up
        ON CONFLICT DO NOTHING
)
UPDATE stream_message
   SET visible_on = now(),
       modified_on = now()
 WHERE service_id = @ServiceId AND provider_id = @ProviderId AND queue_id = @QueueId
   AND message_id = @MessageId
   AND dequeued < @MaxAttempts
   AND expires_on > now();
