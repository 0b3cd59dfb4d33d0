namespace Ratio1.Orleans.Contracts.Errors;

/// <summary>The pipeline exists but has no such version.</summary>
[GenerateSerializer, Alias("r1.error.version-not-found")]
public sealed class PipelineVersionNotFoundException : Ratio1Exception
{
    public PipelineVersionNotFoundException()
    {
    }

    public PipelineVersionNotFoundException(string node, string pipeline, int version, int latestVersion)
        : base($"Pipeline '{pipeline}' of node '{node}' has no version {version}; its versions are 1 to {latestVersion}.")
    {
        Node = node;
        Pipeline = pipeline;
        Version = version;
        LatestVersion = latestVersion;
    }

    [Id(0)] public string Node { get; private set; } = string.Empty;
    [Id(1)] public string Pipeline { get; private set; } = string.Empty;
    [Id(2)] public int Version { get; private set; }
    [Id(3)] public int LatestVersion { get; private set; }
}
