-- 1 when the version row was created, 0 when it already existed.
WITH inserted AS (
    INSERT INTO cluster_version (deployment_id, version, updated_utc)
    VALUES (@DeploymentId, 0, now())
        ON CONFLICT DO NOTHING
    RETURNING 1
)
SELECT count(*)::integer FROM inserted;
