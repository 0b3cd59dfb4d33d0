namespace Ratio1.Orleans.Contracts.Errors;

/// <summary>The node has no such pipeline (it was never created, or it was deleted).</summary>
[GenerateSerializer, Alias("r1.error.pipeline-not-found")]
public sealed class PipelineNotFoundException : Ratio1Exception
{
    public PipelineNotFoundException()
    {
    }

    public PipelineNotFoundException(string node, string pipeline, string? detail = null)
        : base($"Node '{node}' has no pipeline '{pipeline}'." + (detail is null ? string.Empty : " " + detail))
    {
        Node = node;
        Pipeline = pipeline;
    }

    [Id(0)] public string Node { get; private set; } = string.Empty;
    [Id(1)] public string Pipeline { get; private set; } = string.Empty;
}
