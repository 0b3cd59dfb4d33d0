using System.Collections.Immutable;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Ratio1.Orleans.Contracts.Messages;
using Ratio1.Orleans.Contracts.Nodes;
using Ratio1.Orleans.Contracts.Pipelines;
using Ratio1.Orleans.Plugins;

namespace Ratio1.Orleans.Tests.Capture;

/// <summary>Runs a capture source outside a node, keeping what it publishes: for checks that payloads cannot carry (pixels).</summary>
public sealed class RecordingCaptureContext(string pipelineJson) : ICaptureContext
{
    private readonly List<CaptureItem> _items = [];
    private readonly Lock _lock = new();

    public string NodeId => "recording-node";

    public PipelineConfig Pipeline { get; } = PipelineConfig.Parse(pipelineJson);

    public TimeProvider Time => TimeProvider.System;

    public ILogger Logger => NullLogger.Instance;

    public Task<ImmutableArray<NodeInfo>> GetNodesAsync(CancellationToken cancellationToken = default) =>
        throw new NotSupportedException("No fleet outside a node.");

    public IDisposable ListenToCaptures(IEnumerable<string> pipelines, Action<string, CaptureItem> listener) =>
        throw new NotSupportedException("No other pipelines outside a node.");

    public Task<IAsyncDisposable> WatchPayloadsAsync(PayloadSelection selection, Func<Payload, Task> handler, CancellationToken cancellationToken) =>
        throw new NotSupportedException("No cluster outside a node.");

    public bool Started { get; private set; }

    public IReadOnlyList<CaptureItem> Items
    {
        get
        {
            lock (_lock)
            {
                return [.. _items];
            }
        }
    }

    public void Publish(CaptureItem item)
    {
        lock (_lock)
        {
            _items.Add(item);
        }
    }

    public void ReportStarted() => Started = true;
}
