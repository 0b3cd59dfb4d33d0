-- The pipelines of one node: the stored pipeline states whose key starts with 'pipeline:<node>/'.
SELECT json_extract(s.doc, '$.state.current.config.NAME')        AS name,
       json_extract(s.doc, '$.state.current.config.TYPE')        AS type,
       json_extract(s.doc, '$.state.current.version')            AS version,
       json_extract(s.doc, '$.state.current.archived')           AS archived,
       (SELECT coalesce(sum(json_array_length(p.value, '$.INSTANCES')), 0)
          FROM json_each(s.doc, '$.state.current.config.PLUGINS') AS p) AS instance_count,
       json_extract(s.doc, '$.state.current.changedBy')          AS changed_by,
       json_extract(s.doc, '$.state.current.changedAt')          AS changed_at
  FROM (SELECT CAST(payload AS TEXT) AS doc
          FROM grain_state
         WHERE service_id = @ServiceId
           AND state_name = 'pipeline'
           AND key_n0 = 0 AND key_n1 = 0
           AND key_text >= @KeyPrefix AND key_text < @KeyPrefixEnd
           AND payload IS NOT NULL) AS s
 ORDER BY name;
