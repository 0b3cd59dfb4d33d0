using Ratio1.Orleans.Cli.Failures;

namespace Ratio1.Orleans.Cli.Commands.Pipelines;

/// <summary>Checks the "one pipeline or <c>--all</c>" choice of <c>archive</c> and <c>delete</c>.</summary>
internal static class PipelineSelection
{
    /// <returns>The pipeline name, or null for all pipelines.</returns>
    /// <exception cref="UsageException">Both or neither were given.</exception>
    public static string? Resolve(string? pipeline, bool all, string command) => (pipeline, all) switch
    {
        (null, false) => throw new UsageException($"name a pipeline or give --all (see 'r1ctl {command} --help')."),
        (not null, true) => throw new UsageException("give either a pipeline or --all, not both."),
        _ => pipeline,
    };
}
