-- Forgets members that are no longer active and were last alive before the cut-off.
DELETE FROM cluster_member
 WHERE deployment_id = @DeploymentId
   AND i_am_alive_time < @IAmAliveTime
   AND status <> 3;
