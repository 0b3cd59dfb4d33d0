DELETE FROM cluster_version WHERE deployment_id = @DeploymentId;
