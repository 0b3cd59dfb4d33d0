-- Queues one batch of events, visible at once, expiring after @ExpiryTimeout seconds.
INSERT INTO stream_message (service_id, provider_id, queue_id, dequeued, visible_on, expires_on, created_on, modified_on, payload)
VALUES (@ServiceId, @ProviderId, @QueueId, 0, now(), now() + @ExpiryTimeout * interval '1 second', now(), now(), @Payload)
RETURNING service_id  AS "ServiceId",
          provider_id AS "ProviderId",
          queue_id    AS "QueueId",
          message_id  AS "MessageId";
