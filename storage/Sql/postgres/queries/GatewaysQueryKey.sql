SELECT address    AS "Address",
       proxy_port AS "ProxyPort",
       generation AS "Generation"
  FROM cluster_member
 WHERE deployment_id = @DeploymentId
   AND status = @Status
   AND proxy_port > 0;
