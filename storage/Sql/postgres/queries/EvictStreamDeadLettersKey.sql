-- Required by the provider at start but not run by it (GetStreamMessagesKey purges instead): removes up to @MaxCount
-- dead letters of the queue past their removal time.
DELETE FROM stream_dead_letter
 WHERE service_id = @ServiceId AND provider_id = @ProviderId AND queue_id = @QueueId
   AND message_id IN (SELECT message_id
                        FROM stream_dead_letter
                       WHERE service_id = @ServiceId AND provider_id = @ProviderId AND queue_id = @QueueId
                         AND remove_on <= now()
                       ORDER BY remove_on
                       LIMIT @MaxCount);
