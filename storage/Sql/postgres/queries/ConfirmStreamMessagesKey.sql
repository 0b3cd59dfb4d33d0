-- @Items is "id:dequeued|id:dequeued|...". The dequeue count is a receipt: a message delivered again since (its count
-- moved on) is left alone, so a stale receiver cannot confirm or release another receiver's delivery.
-- Positive counts confirm: the message is done and deleted. Negative counts release (the receiver is shutting down
-- before delivering): the message becomes visible again at once, keeping its count, and stays queued.
-- Returns the messages it confirmed or released.
WITH items AS (
    SELECT split_part(item, ':', 1)::bigint  AS message_id,
           split_part(item, ':', 2)::integer AS receipt
      FROM unnest(string_to_array(@Items, '|')) AS item
     WHERE item <> ''
), confirmed AS (
    DELETE FROM stream_message m
     USING items i
     WHERE m.service_id = @ServiceId AND m.provider_id = @ProviderId AND m.queue_id = @QueueId
       AND m.message_id = i.message_id
       AND i.receipt > 0
       AND m.dequeued = i.receipt
    RETURNING m.service_id, m.provider_id, m.queue_id, m.message_id
), released AS (
    UPDATE stream_message m
       SET visible_on = now(),
           modified_on = now()
      FROM items i
     WHERE m.service_id = @ServiceId AND m.provider_id = @ProviderId AND m.queue_id = @QueueId
       AND m.message_id = i.message_id
       AND i.receipt < 0
       AND m.dequeued = -i.receipt
    RETURNING m.service_id, m.provider_id, m.queue_id, m.message_id
)
SELECT service_id AS "ServiceId", provider_id AS "ProviderId", queue_id AS "QueueId", message_id AS "MessageId"
  FROM confirmed
UNION ALL
SELECT service_id, provider_id, queue_id, message_id
  FROM released;
