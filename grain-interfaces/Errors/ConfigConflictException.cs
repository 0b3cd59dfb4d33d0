namespace Ratio1.Orleans.Contracts.Errors;

/// <summary>
/// A change was based on a version of the pipeline that is no longer current: someone else changed it first.
/// Nothing was applied; re-read the pipeline and decide again.
/// </summary>
[GenerateSerializer, Alias("r1.error.conflict")]
public sealed class ConfigConflictException : Ratio1Exception
{
    public ConfigConflictException()
    {
    }

    public ConfigConflictException(string node, string pipeline, int expectedVersion, int actualVersion, string? detail = null)
        : base(Describe(node, pipeline, expectedVersion, actualVersion, detail))
    {
        Node = node;
        Pipeline = pipeline;
        ExpectedVersion = expectedVersion;
        ActualVersion = actualVersion;
    }

    [Id(0)] public string Node { get; private set; } = string.Empty;
    [Id(1)] public string Pipeline { get; private set; } = string.Empty;

    /// <summary>The version the change was based on (0: "the pipeline must not exist yet").</summary>
    [Id(2)] public int ExpectedVersion { get; private set; }

    /// <summary>The version found (0: the pipeline does not exist).</summary>
    [Id(3)] public int ActualVersion { get; private set; }

    private static string Describe(string node, string pipeline, int expected, int actual, string? detail)
    {
        var wanted = expected == 0 ? "expected it not to exist" : $"expected version {expected}";
        var found = actual == 0 ? "it does not exist" : $"it is at version {actual}";
        return $"Conflict on pipeline '{pipeline}' of node '{node}': the change {wanted} but {found}. " +
               (detail ?? "Nothing was applied; reload the pipeline and retry.");
    }
}
