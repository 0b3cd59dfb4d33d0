-- Changes a member only while the table is at @Version, and bumps the version with it: 1 on success, 0 otherwise.
WITH current_version AS (
    SELECT version
      FROM cluster_version
     WHERE deployment_id = @DeploymentId AND version = @Version
       FOR UPDATE
), updated AS (
    UPDATE cluster_member
       SET status = @Status,
           suspect_times = @SuspectTimes,
           i_am_alive_time = @IAmAliveTime
     WHERE deployment_id = @DeploymentId
       AND address = @Address
       AND port = @Port
       AND generation = @Generation
       AND EXISTS (SELECT 1 FROM current_version)
    RETURNING 1
), bumped AS (
    UPDATE cluster_version
       SET version = version + 1, updated_utc = now()
     WHERE deployment_id = @DeploymentId
       AND EXISTS (SELECT 1 FROM updated)
    RETURNING 1
)
SELECT count(*)::integer FROM bumped;
