using System.Collections.Concurrent;
using Ratio1.Orleans.Contracts;
using Ratio1.Orleans.Contracts.Config;
using Ratio1.Orleans.Contracts.Errors;
using Ratio1.Orleans.Contracts.Nodes;
using Ratio1.Orleans.Contracts.Serving;

namespace Ratio1.Orleans.Client.Inference;

/// <summary>
/// The runtimes of the nodes a session sends inference requests to: each is resolved once through its node's grain
/// and then called directly, so a request (an image included) reaches the node's runtime in one hop instead of
/// passing through the node grain, which may live on another silo. A reference that stops answering (the node's silo
/// stopped, restarted, or the node moved) is resolved again through the node grain, which knows whether and where the
/// node runs now and answers <see cref="NodeUnavailableException"/> when it does not.
/// </summary>
internal sealed class NodeRuntimeDirectory(IClusterClient client)
{
    private readonly ConcurrentDictionary<string, Task<INodeRuntime>> _runtimes = new(StringComparer.Ordinal);

    // A cluster with security on hands out no direct references (they would bypass its per-call checks): requests then
    // go through the node grain, where each is checked.
    private volatile bool _throughNodeGrain;

    public async Task<InferenceResult> InferAsync(string node, string model, InferenceInput input, ConfigMap parameters, CancellationToken cancellationToken)
    {
        if (_throughNodeGrain)
        {
            return await client.GetNode(node).InferAsync(model, input, parameters, cancellationToken);
        }

        Task<INodeRuntime> resolved;
        INodeRuntime runtime;
        try
        {
            (resolved, runtime) = await ResolveAsync(node, model, cancellationToken);
        }
        catch (UnauthorizedException)
        {
            _throughNodeGrain = true;
            _runtimes.Clear();
            return await client.GetNode(node).InferAsync(model, input, parameters, cancellationToken);
        }

        try
        {
            return await runtime.InferAsync(model, input, parameters, cancellationToken);
        }
        catch (Exception e) when (IsDeliveryFailure(e))
        {
            // The reference went stale; inference changes nothing on the node, so asking again is safe.
            Forget(node, resolved);
        }

        (resolved, runtime) = await ResolveAsync(node, model, cancellationToken);
        try
        {
            return await runtime.InferAsync(model, input, parameters, cancellationToken);
        }
        catch (Exception e) when (IsDeliveryFailure(e))
        {
            Forget(node, resolved);
            throw new NodeUnavailableException(node, Request(model));
        }
    }

    private static string Request(string model) => $"the inference request for model '{model}'";

    private async Task<(Task<INodeRuntime> Resolved, INodeRuntime Runtime)> ResolveAsync(string node, string model, CancellationToken cancellationToken)
    {
        var resolved = Resolve(node);
        try
        {
            return (resolved, await resolved.WaitAsync(cancellationToken));
        }
        catch (NodeUnavailableException)
        {
            // The node grain's answer, worded for what the caller asked.
            throw new NodeUnavailableException(node, Request(model));
        }
    }

    // The node's own answers (bad input, unknown model, overload, an offline node) and cancellation are the caller's;
    // anything else (the runtime's silo is gone, the call was rejected or timed out) means the reference is stale.
    private static bool IsDeliveryFailure(Exception e) => e is not Ratio1Exception and not OperationCanceledException;

    private Task<INodeRuntime> Resolve(string node)
    {
        var resolved = _runtimes.GetOrAdd(node, n => client.GetNode(n).GetRuntimeAsync());
        if (resolved.IsFaulted || resolved.IsCanceled)
        {
            // A failed lookup (node offline, connection lost) is not kept: the next request asks again.
            Forget(node, resolved);
        }

        return resolved;
    }

    private void Forget(string node, Task<INodeRuntime> resolved) => _runtimes.TryRemove(KeyValuePair.Create(node, resolved));
}
