using Ratio1.Orleans.Contracts.Pipelines;

namespace Ratio1.Orleans.Cli.Commands.Pipelines;

/// <summary><c>r1ctl history --verify</c> found a version that does not check out (exit code <c>HistoryBroken</c>).</summary>
internal sealed class HistoryBrokenException(string node, string pipeline, HistoryVerification verification)
    : Exception($"the history of {node}/{pipeline} does not verify at version {verification.FirstBrokenVersion}");
