-- Adds a member only while the table is at @Version, and bumps the version with it: 1 on success, 0 otherwise.
WITH current_version AS (
    SELECT version
      FROM cluster_version
     WHERE deployment_id = @DeploymentId AND version = @Version
       FOR UPDATE
), inserted AS (
    INSERT INTO cluster_member (deployment_id, address, port, generation, silo_name, host_name, status,
                                proxy_port, start_time, i_am_alive_time)
    SELECT @DeploymentId, @Address, @Port, @Generation, @SiloName, @HostName, @Status,
           @ProxyPort, @StartTime, @IAmAliveTime
      FROM current_version
        ON CONFLICT DO NOTHING
    RETURNING 1
), bumped AS (
    UPDATE cluster_version
       SET version = version + 1, updated_utc = now()
     WHERE deployment_id = @DeploymentId
       AND EXISTS (SELECT 1 FROM inserted)
    RETURNING 1
)
SELECT count(*)::integer FROM bumped;
