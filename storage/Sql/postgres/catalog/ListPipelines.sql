-- The pipelines of one node: the stored pipeline states whose key starts with 'pipeline:<node>/'.
SELECT t.name, t.type, t.version, t.archived, t.instance_count, t.changed_by, t.changed_at
  FROM (SELECT s.doc #>> '{state,current,config,NAME}'            AS name,
               s.doc #>> '{state,current,config,TYPE}'            AS type,
               (s.doc #>> '{state,current,version}')::integer     AS version,
               (s.doc #>> '{state,current,archived}')::boolean    AS archived,
               (SELECT coalesce(sum(json_array_length(p -> 'INSTANCES')), 0)::integer
                  FROM json_array_elements(s.doc #> '{state,current,config,PLUGINS}') AS p) AS instance_count,
               s.doc #>> '{state,current,changedBy}'              AS changed_by,
               s.doc #>> '{state,current,changedAt}'              AS changed_at
          FROM (SELECT convert_from(payload, 'UTF8')::json AS doc
                  FROM grain_state
                 WHERE service_id = @ServiceId
                   AND state_name = 'pipeline'
                   AND key_n0 = 0 AND key_n1 = 0
                   AND key_text COLLATE "C" >= @KeyPrefix AND key_text COLLATE "C" < @KeyPrefixEnd
                   AND payload IS NOT NULL) AS s) AS t
 ORDER BY t.name COLLATE "C";
