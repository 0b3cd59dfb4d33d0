-- Claims up to @MaxCount visible, unexpired messages of one queue that have attempts left, oldest first: counts the
-- attempt (the new count is the receipt the confirmation must show) and hides them for @VisibilityTimeout seconds.
-- SKIP LOCKED: a second receiver of the same queue (during a hand-over) takes other rows instead of waiting.
-- The provider never runs the eviction texts, so this text also sweeps the queue, at most once per @EvictionInterval
-- seconds: expired or exhausted messages (not while a delivery may still confirm them) go to the dead letters, kept
-- @RemovalTimeout seconds, and dead letters past that are purged, @EvictionBatchSize at a time. An idle poll between
-- sweeps only reads. The result is ordered by MessageId: UPDATE ... RETURNING gives rows in no particular order.
WITH sweep_due AS (
    SELECT 1
     WHERE NOT EXISTS (SELECT 1
                         FROM stream_queue
                        WHERE service_id = @ServiceId AND provider_id = @ProviderId AND queue_id = @QueueId
                          AND evicted_on > now() - @EvictionInterval * interval '1 second')
), sweep_turn AS (
    -- Taken by one caller only: the upsert re-checks the time under the row lock.
    INSERT INTO stream_queue AS q (service_id, provider_id, queue_id, evicted_on)
    SELECT @ServiceId, @ProviderId, @QueueId, now() FROM sweep_due
        ON CONFLICT (service_id, provider_id, queue_id) DO UPDATE
       SET evicted_on = excluded.evicted_on
     WHERE q.evicted_on <= now() - @EvictionInterval * interval '1 second'
    RETURNING 1
), doomed AS (
    SELECT message_id
      FROM stream_message
     WHERE service_id = @ServiceId AND provider_id = @ProviderId AND queue_id = @QueueId
       AND EXISTS (SELECT 1 FROM sweep_turn)
       AND visible_on <= now()
       AND (expires_on <= now() OR dequeued >= @MaxAttempts)
     ORDER BY message_id
     LIMIT @EvictionBatchSize
       FOR UPDATE SKIP LOCKED
), evicted AS (
    DELETE FROM stream_message m
     USING doomed d
     WHERE m.service_id = @ServiceId AND m.provider_id = @ProviderId AND m.queue_id = @QueueId
       AND m.message_id = d.message_id
    RETURNING m.*
), buried AS (
    INSERT INTO stream_dead_letter (service_id, provider_id, queue_id, message_id, dequeued, visible_on, expires_on,
                                    created_on, modified_on, dead_on, remove_on, payload)
    SELECT service_id, provider_id, queue_id, message_id, dequeued, visible_on, expires_on,
           created_on, modified_on, now(), now() + @RemovalTimeout * interval '1 second', payload
      FROM evicted
        ON CONFLICT DO NOTHING
), purged AS (
    DELETE FROM stream_dead_letter
     WHERE service_id = @ServiceId AND provider_id = @ProviderId AND queue_id = @QueueId
       AND message_id IN (SELECT message_id
                            FROM stream_dead_letter
                           WHERE service_id = @ServiceId AND provider_id = @ProviderId AND queue_id = @QueueId
                             AND EXISTS (SELECT 1 FROM sweep_turn)
                             AND remove_on <= now()
                           ORDER BY remove_on
                           LIMIT @EvictionBatchSize)
), claimable AS (
    -- Disjoint from doomed (attempts left, unexpired), so no row is both deleted and updated here.
    SELECT message_id
      FROM stream_message
     WHERE service_id = @ServiceId AND provider_id = @ProviderId AND queue_id = @QueueId
       AND visible_on <= now()
       AND expires_on > now()
       AND dequeued < @MaxAttempts
     ORDER BY message_id
     LIMIT @MaxCount
       FOR UPDATE SKIP LOCKED
), claimed AS (
    UPDATE stream_message m
       SET dequeued = m.dequeued + 1,
           visible_on = now() + @VisibilityTimeout * interval '1 second',
           modified_on = now()
      FROM claimable c
     WHERE m.service_id = @ServiceId AND m.provider_id = @ProviderId AND m.queue_id = @QueueId
       AND m.message_id = c.message_id
    RETURNING m.service_id, m.provider_id, m.queue_id, m.message_id, m.dequeued, m.visible_on, m.expires_on,
              m.created_on, m.modified_on, m.payload
)
SELECT service_id  AS "ServiceId",
       provider_id AS "ProviderId",
       queue_id    AS "QueueId",
       message_id  AS "MessageId",
       dequeued    AS "Dequeued",
       visible_on  AS "VisibleOn",
       expires_on  AS "ExpiresOn",
       created_on  AS "CreatedOn",
       modified_on AS "ModifiedOn",
       payload     AS "Payload"
  FROM claimed
 ORDER BY message_id;
