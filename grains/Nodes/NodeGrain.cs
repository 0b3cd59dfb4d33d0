using System.Collections.Immutable;
using System.Diagnostics;
using Microsoft.Extensions.Logging;
using Ratio1.Orleans.Contracts;
using Ratio1.Orleans.Contracts.Commands;
using Ratio1.Orleans.Contracts.Errors;
using Ratio1.Orleans.Contracts.Nodes;
using Ratio1.Orleans.Contracts.Config;
using Ratio1.Orleans.Contracts.Pipelines;
using Ratio1.Orleans.Contracts.Serving;
using Ratio1.Orleans.Storage.Catalog;
using Ratio1.Orleans.Storage.Hosting;

namespace Ratio1.Orleans.Grains.Nodes;

/// <summary>
/// An edge node: what its silo registered, whether it is alive, and its pipelines, read from storage (so the list is
/// always exactly what is stored). Liveness is kept in memory (reports arrive every few seconds); only registration
/// and clean shutdown are written.
/// </summary>
public sealed partial class NodeGrain(
    [PersistentState("node", StorageNames.State)] IPersistentState<NodeState> state,
    PipelineCatalog catalog,
    TimeProvider time,
    IClusterMembershipService membership,
    ILogger<NodeGrain> logger) : Grain, INodeGrain
{
    /// <summary>Longest alias kept (Ratio1's <c>EE_ALIAS_MAX_SIZE</c>).</summary>
    public const int MaxAliasLength = 20;

    private string _nodeId = string.Empty;
    private DateTimeOffset? _lastSeen;

    // Where the node's pipelines run; kept in memory only, refreshed by every heartbeat (it dies with its silo).
    private INodeRuntime? _runtime;

    private LivePipelines _livePipelines = null!;
    private RegisteredMember? _registeredMember;

    // The newest commit of each pipeline that could not be pushed since this activation had no runtime reference.
    private readonly Dictionary<string, PipelineCommit> _undelivered = new(StringComparer.Ordinal);

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _nodeId = GrainKeys.ParseNode(this.GetPrimaryKeyString());
        _livePipelines = new LivePipelines(catalog, _nodeId);
        if (state.State is { NodeId: not null, Offline: false, SiloAddress: { } registered }
            && membership.CurrentSnapshot.Members.Values.Any(m => m.Status == SiloStatus.Active && m.SiloAddress.ToString() == registered))
        {
            // Reactivated here after the silo that held this grain failed: the node's own silo is alive, and its
            // runtime reports itself again as soon as it sees the membership change (NodeRuntime).
            _lastSeen = time.GetUtcNow();
        }

        return Task.CompletedTask;
    }

    public async Task<NodeInfo> RegisterAsync(NodeRegistration registration, CancellationToken cancellationToken = default)
    {
        if (registration.NodeId != _nodeId)
        {
            throw new InvalidConfigException("NodeId", $"\"{registration.NodeId}\"", $"does not match the node being registered ('{_nodeId}')");
        }

        var now = time.GetUtcNow();
        var previous = state.State;
        var registered = new NodeState
        {
            NodeId = _nodeId,
            FirstSeen = previous.NodeId is null ? now : previous.FirstSeen,
            Alias = Truncate(string.IsNullOrWhiteSpace(registration.Alias) ? _nodeId : registration.Alias.Trim(), MaxAliasLength),
            Tags = new Dictionary<string, string>(registration.Tags ?? ImmutableDictionary<string, string>.Empty, StringComparer.Ordinal),
            Signatures = [.. (registration.Signatures.IsDefault ? [] : registration.Signatures)
                .Select(Identifiers.NormalizeSignature).OfType<string>().Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)],
            CaptureTypes = registration.CaptureTypes is { IsDefault: false } captures
                ? [.. captures.DistinctBy(c => c.Type, StringComparer.OrdinalIgnoreCase).OrderBy(c => c.Type, StringComparer.Ordinal).Select(RegisteredCaptureType.From)]
                : null,
            Plugins = registration.Plugins is { IsDefault: false } plugins
                ? [.. plugins.DistinctBy(p => p.Signature, StringComparer.OrdinalIgnoreCase).OrderBy(p => p.Signature, StringComparer.Ordinal).Select(RegisteredPlugin.From)]
                : null,
            Reach = registration.Reach is { } reach ? RegisteredReach.From(reach) : null,
            Version = registration.Version,
            HostName = registration.HostName,
            SiloAddress = registration.SiloAddress,
            RegisteredAt = now,
            StartedAt = registration.StartedAt,
            Offline = false,
            Models = previous.Models,
        };

        await WriteAsync(registered, cancellationToken);
        await GrainFactory.GetFleet().AddNodeAsync(_nodeId, cancellationToken);
        _runtime = registration.Runtime;
        // A silo that registers reads every pipeline from storage as it starts.
        _undelivered.Clear();

        _lastSeen = now;
        LogRegistered(logger, _nodeId, registration.SiloAddress, registered.Signatures.Count, registered.CaptureTypes?.Count);
        return await ToInfoAsync(cancellationToken);
    }

    public Task<bool> IsRegisteredAsync(CancellationToken cancellationToken = default) => Task.FromResult(state.State.NodeId is not null);

    public async Task ReportPresenceAsync(string siloAddress, INodeRuntime? runtime, CancellationToken cancellationToken = default)
    {
        if (state.State.NodeId is null || siloAddress != state.State.SiloAddress)
        {
            return;
        }

        _lastSeen = time.GetUtcNow();
        _runtime = runtime ?? _runtime;
        if (_undelivered.Count > 0 && RunningRuntime() is { } running)
        {
            // Versions committed while this grain had no way to reach the node (it had just reactivated here).
            var pending = _undelivered.Values.ToList();
            _undelivered.Clear();
            foreach (var commit in pending)
            {
                await PushAsync(running, commit);
            }
        }
    }

    public async Task NotifyPipelineCommittedAsync(PipelineCommit commit, CancellationToken cancellationToken = default)
    {
        _livePipelines.Apply(commit);
        if (RunningRuntime() is not { } runtime)
        {
            if (state.State is { NodeId: not null, Offline: false })
            {
                // Kept (the newest per pipeline) until the node's runtime reports itself: after a failover that is
                // within the detection time, instead of the node's next reconcile.
                // The trace of this deploy ends here; the node applies the version when its runtime reports itself.
                Activity.Current?.AddEvent(new ActivityEvent("ratio1.push.deferred"));
                if (!_undelivered.TryGetValue(commit.Pipeline, out var known) || known.CreatedAt < commit.CreatedAt || (known.CreatedAt == commit.CreatedAt && known.Version < commit.Version))
                {
                    _undelivered[commit.Pipeline] = commit;
                }
            }

            return;
        }

        await PushAsync(runtime, commit);
    }

    private async Task PushAsync(INodeRuntime runtime, PipelineCommit commit)
    {
        try
        {
            await runtime.OnPipelineCommittedAsync(commit);
        }
        catch (Exception e)
        {
            // The change is stored; the node picks it up when it reconciles or restarts.
            LogPushFailed(logger, e, _nodeId, commit.Pipeline, commit.Version);
        }
    }

    public Task<int> CountLivePipelinesAsync(string except, CancellationToken cancellationToken = default) =>
        _livePipelines.CountExceptAsync(except, cancellationToken);

    public Task SendInstanceCommandAsync(InstanceCommand command, CancellationToken cancellationToken = default)
    {
        RequireDeliverable(command.Data, "COMMAND", command.Parameters);
        return DeliverAsync($"the command for instance {command.Signature}/{command.InstanceId} of pipeline '{command.Pipeline}'", r => r.DeliverInstanceCommandAsync(command));
    }

    public Task SendPipelineCommandAsync(PipelineCommand command, CancellationToken cancellationToken = default)
    {
        RequireDeliverable(command.Data, "COMMAND", command.Parameters);
        return DeliverAsync($"the command for pipeline '{command.Pipeline}'", r => r.DeliverPipelineCommandAsync(command));
    }

    public Task PushInputAsync(PipelineInput input, CancellationToken cancellationToken = default)
    {
        RequireDeliverable(input.Data, "INPUT", parameters: null);
        return DeliverAsync($"the input for pipeline '{input.Pipeline}'", r => r.DeliverInputAsync(input));
    }

    // Read from memory: the offer is what the node registered, or nothing known (null rules) before it did.
    public Task<NodeOffer> GetOfferAsync(CancellationToken cancellationToken = default) => Task.FromResult(
        state.State.NodeId is null
            ? new NodeOffer([], null, null)
            : new NodeOffer(
                [.. state.State.Signatures],
                state.State.CaptureTypes is { } captures ? [.. captures.Select(c => c.ToInfo())] : null,
                state.State.Plugins is { } plugins ? [.. plugins.Select(p => p.ToInfo())] : null,
                state.State.Reach?.ToReach()));

    public async Task<ModelStatus> AddModelAsync(ModelDeclaration declaration, CancellationToken cancellationToken = default)
    {
        var complete = declaration.WithDefaults();
        var runtime = await RuntimeForAsync($"the model '{declaration.Name}'");
        var status = await CallRuntimeAsync($"the model '{declaration.Name}'", () => runtime.LoadModelAsync(complete));
        var models = (state.State.Models ?? []).Where(m => m.Name != complete.Name).Append(complete).OrderBy(m => m.Name, StringComparer.Ordinal).ToList();
        var next = state.State.WithModels(models);
        try
        {
            await WriteAsync(next, cancellationToken);
        }
        catch
        {
            // Not stored, so not served either: put back what the node served before (or nothing).
            var previous = state.State.Models?.FirstOrDefault(m => m.Name == complete.Name);
            try
            {
                if (previous is null)
                {
                    await runtime.UnloadModelAsync(complete.Name);
                }
                else
                {
                    await runtime.LoadModelAsync(previous);
                }
            }
            catch (Exception undo) when (undo is not OperationCanceledException)
            {
                // The storage error is what the caller must see; the node catches up when its silo restarts.
                LogModelUndoFailed(logger, undo, _nodeId, complete.Name);
            }

            throw;
        }

        LogModelAdded(logger, _nodeId, complete.Name, complete.Version, status.Provider);
        return status;
    }

    public async Task RemoveModelAsync(string name, CancellationToken cancellationToken = default)
    {
        var stored = state.State.Models?.FirstOrDefault(m => m.Name == name);
        if (stored is not null && state.State.NodeId is not null && RunningRuntime() is null)
        {
            // The node is down: forget the model, so its silo does not load it when it starts.
            await WriteAsync(state.State.WithModels([.. state.State.Models!.Where(m => m.Name != name)]), cancellationToken);
            LogModelRemoved(logger, _nodeId, name);
            return;
        }

        var runtime = await RuntimeForAsync($"the removal of model '{name}'");
        if (stored is null)
        {
            var served = await CallRuntimeAsync($"the removal of model '{name}'", runtime.GetModelsAsync);
            throw served.FirstOrDefault(m => m.Name == name) is { Source: ModelSource.Config }
                ? new InvalidConfigException("Name", $"\"{name}\"", "is declared in the node's settings (Serving:Models); remove it there")
                : new ModelNotFoundException(_nodeId, name, served.Select(m => m.Name));
        }

        await WriteAsync(state.State.WithModels([.. state.State.Models!.Where(m => m.Name != name)]), cancellationToken);
        await CallRuntimeAsync($"the removal of model '{name}'", () => runtime.UnloadModelAsync(name));
        LogModelRemoved(logger, _nodeId, name);
    }

    public async Task<ImmutableArray<ModelStatus>> ListModelsAsync(CancellationToken cancellationToken = default)
    {
        var runtime = await RuntimeForAsync("the model listing");
        return await CallRuntimeAsync("the model listing", runtime.GetModelsAsync);
    }

    public Task<ImmutableArray<ModelDeclaration>> GetModelDeclarationsAsync(CancellationToken cancellationToken = default) =>
        Task.FromResult<ImmutableArray<ModelDeclaration>>([.. state.State.Models ?? []]);

    public async Task<InferenceResult> InferAsync(string model, InferenceInput input, ConfigMap parameters, CancellationToken cancellationToken = default)
    {
        var runtime = await RuntimeForAsync($"the inference request for model '{model}'");
        return await CallRuntimeAsync($"the inference request for model '{model}'", () => runtime.InferAsync(model, input, parameters, cancellationToken));
    }

    public Task<INodeRuntime> GetRuntimeAsync(CancellationToken cancellationToken = default) => RuntimeForAsync("a direct call");

    public async Task UnregisterAsync(string siloAddress, CancellationToken cancellationToken = default)
    {
        // Only the silo that registered last may say the node went away (an old silo shutting down late must not).
        if (state.State.NodeId is null || siloAddress != state.State.SiloAddress)
        {
            return;
        }

        await WriteAsync(state.State.WithOffline(), cancellationToken);
        _lastSeen = time.GetUtcNow();
        _runtime = null;
        LogUnregistered(logger, _nodeId, siloAddress);
    }

    public Task<NodeStatus?> GetStatusAsync(CancellationToken cancellationToken = default) =>
        Task.FromResult<NodeStatus?>(state.State.NodeId is null ? null : Liveness());

    public async Task<NodeInfo?> GetInfoAsync(CancellationToken cancellationToken = default) =>
        state.State.NodeId is null ? null : await ToInfoAsync(cancellationToken);

    public async Task<ImmutableArray<PipelineSummary>> ListPipelinesAsync(bool includeArchived = false, CancellationToken cancellationToken = default)
    {
        await RequireRegisteredAsync(cancellationToken);
        var stored = await catalog.ListAsync(GrainKeys.PipelinePrefix(_nodeId), cancellationToken);
        return [.. stored.Where(p => includeArchived || !p.Archived)];
    }

    public async Task<ImmutableArray<DeployOutcome>> ArchiveAllAsync(ChangeRequest request, CancellationToken cancellationToken = default)
    {
        var unconditional = request with { ExpectedVersion = null };
        var live = (await ListPipelinesAsync(includeArchived: false, cancellationToken)).Select(p => p.Name);
        var outcomes = await Task.WhenAll(live.Select(async name =>
        {
            try
            {
                return await GrainFactory.GetPipeline(_nodeId, name).ArchiveAsync(unconditional, cancellationToken);
            }
            catch (PipelineNotFoundException)
            {
                return null;
            }
        }));

        return [.. outcomes.OfType<DeployOutcome>().Where(o => o.Changed)];
    }

    public async Task<ImmutableArray<string>> DeleteAllAsync(ChangeRequest request, CancellationToken cancellationToken = default)
    {
        var unconditional = request with { ExpectedVersion = null };
        var names = (await ListPipelinesAsync(includeArchived: true, cancellationToken)).Select(p => p.Name);
        var deleted = await Task.WhenAll(names.Select(async name =>
        {
            try
            {
                await GrainFactory.GetPipeline(_nodeId, name).DeleteAsync(unconditional, cancellationToken);
                return name;
            }
            catch (PipelineNotFoundException)
            {
                return null;
            }
        }));

        return [.. deleted.OfType<string>()];
    }

    public async Task<ImmutableArray<DeployOutcome>> BatchUpdateInstancesAsync(
        ImmutableArray<PipelineInstanceUpdate> updates, ChangeRequest request, CancellationToken cancellationToken = default)
    {
        if (updates.IsDefaultOrEmpty)
        {
            throw new InvalidConfigException("$", "[]", "at least one instance update is required");
        }

        if (request.ExpectedVersion is not null)
        {
            throw new InvalidConfigException("EXPECTED_VERSION", request.ExpectedVersion.ToString(), "a node-wide batch spans pipelines; send the expected version with a single pipeline's batch instead");
        }

        await RequireRegisteredAsync(cancellationToken);
        var groups = GroupByPipeline(updates);

        // Nothing is applied unless every update passes against its pipeline, at the version it was checked against.
        var errors = new List<ConfigError>();
        var checkedVersions = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var group in groups)
        {
            try
            {
                checkedVersions[group.Pipeline] = await GrainFactory.GetPipeline(_nodeId, group.Pipeline)
                    .ValidateInstanceUpdatesAsync([.. group.Updates.Select(u => u.Update)], request, cancellationToken);
            }
            catch (InvalidConfigException e)
            {
                errors.AddRange(e.Errors.Select(error => group.ToBatchPath(error)));
            }
            catch (Exception e) when (e is PipelineNotFoundException or InstanceNotFoundException)
            {
                errors.Add(new ConfigError($"[{group.Updates[0].Index}].{(e is PipelineNotFoundException ? PipelineKeys.Name : InstanceKeys.InstanceId)}", null, e.Message));
            }
        }

        if (errors.Count > 0)
        {
            throw new InvalidConfigException(errors);
        }

        var outcomes = ImmutableArray.CreateBuilder<DeployOutcome>(groups.Count);
        try
        {
            foreach (var group in groups)
            {
                var pinned = request with { ExpectedVersion = checkedVersions[group.Pipeline] };
                outcomes.Add(await GrainFactory.GetPipeline(_nodeId, group.Pipeline).UpdateInstancesAsync([.. group.Updates.Select(u => u.Update)], pinned, cancellationToken));
            }
        }
        catch (Exception failure)
        {
            // A pipeline changed (or storage failed) between the check and its turn: undo the shares already applied.
            await UndoAsync(outcomes, checkedVersions, request, failure);
            throw;
        }

        return outcomes.ToImmutable();
    }

    private async Task UndoAsync(IEnumerable<DeployOutcome> applied, Dictionary<string, int> checkedVersions, ChangeRequest request, Exception failure)
    {
        foreach (var outcome in applied.Where(o => o.Changed))
        {
            try
            {
                await GrainFactory.GetPipeline(_nodeId, outcome.Pipeline).RollbackAsync(
                    checkedVersions[outcome.Pipeline], request with { ExpectedVersion = outcome.Version, Comment = $"undo of a node-wide batch that failed: {failure.Message}" });
            }
            catch (Exception e)
            {
                LogUndoFailed(logger, e, _nodeId, outcome.Pipeline, outcome.Version);
            }
        }
    }

    private static List<BatchGroup> GroupByPipeline(ImmutableArray<PipelineInstanceUpdate> updates)
    {
        var errors = new List<ConfigError>();
        var groups = new Dictionary<string, BatchGroup>(StringComparer.Ordinal);
        for (var i = 0; i < updates.Length; i++)
        {
            var name = updates[i].Pipeline;
            if (Identifiers.CheckPipelineName(name) is { } problem)
            {
                errors.Add(new ConfigError($"[{i}].{PipelineKeys.Name}", name is null ? null : $"\"{name}\"", problem));
                continue;
            }

            if (!groups.TryGetValue(name, out var group))
            {
                groups[name] = group = new BatchGroup(name, []);
            }

            group.Updates.Add((i, updates[i].Update));
        }

        return errors.Count > 0 ? throw new InvalidConfigException(errors) : [.. groups.Values];
    }

    // The runtime is reachable only while the node is online (a lost or stopped node's reference is dead).
    private INodeRuntime? RunningRuntime() =>
        _runtime is not null && state.State.NodeId is not null && Liveness() == NodeStatus.Online ? _runtime : null;

    // From memory: the last report (or the registration), the stored clean-shutdown flag and whether the cluster has
    // declared the node's silo dead (seconds after a crash or a hang, rather than 60 s without a report); never a
    // storage query.
    private NodeStatus Liveness()
    {
        var status = NodeLiveness.Evaluate(state.State.Offline, _lastSeen ?? state.State.RegisteredAt, time.GetUtcNow());
        return status == NodeStatus.Online && SiloDeclaredDead() ? NodeStatus.Lost : status;
    }

    // The silo that registered the node, as the cluster sees it: dead once membership says so (its row stays Dead
    // until cleaned up; a silo gone from the snapshot altogether is long dead).
    private bool SiloDeclaredDead()
    {
        if (state.State.SiloAddress is not { } registered)
        {
            return false;
        }

        // Read on every command and inference: the member is looked up again only when membership or the
        // registration changed.
        var snapshot = membership.CurrentSnapshot;
        if (_registeredMember is not { } known || known.Version != snapshot.Version || known.Registered != registered)
        {
            var member = snapshot.Members.Values.FirstOrDefault(m => m.SiloAddress.ToString() == registered);
            _registeredMember = known = new RegisteredMember(snapshot.Version, registered, member?.Status, snapshot.Members.Count);
        }

        // Not a member any more: removed after it died, unless this silo's view is still empty (it is starting).
        return known.Status is { } status ? status == SiloStatus.Dead : known.Members > 0 && _lastSeen is null;
    }

    // The registered silo's status in one membership version (null: not a member).
    private sealed record RegisteredMember(MembershipVersion Version, string Registered, SiloStatus? Status, int Members);

    private async Task DeliverAsync(string what, Func<INodeRuntime, Task> deliver)
    {
        var runtime = await RuntimeForAsync(what);
        await CallRuntimeAsync(what, async () =>
        {
            await deliver(runtime);
            return true;
        });
    }

    // Commands and inputs are not stored, so a NUL character passes; an unpaired surrogate cannot be delivered as it is
    // (the node's plugins and its traffic would see it rewritten), so it is refused, naming where it is.
    private static void RequireDeliverable(ConfigValue data, string field, ConfigMap? parameters)
    {
        var errors = new List<ConfigError>();
        StorableText.CheckEncodable(data, field, errors);
        if (parameters is not null)
        {
            // Inputs carry no parameters; a command's COMMAND_PARAMS inside it is checked as an embedded command's is.
            CommandForm.Check(data, field, errors);
        }

        if (parameters is not null)
        {
            StorableText.CheckEncodable(ConfigValue.FromObject(parameters), "COMMAND_PARAMS", errors);
        }

        if (errors.Count > 0)
        {
            throw new InvalidConfigException(errors);
        }
    }

    private async Task<INodeRuntime> RuntimeForAsync(string what)
    {
        if (state.State.NodeId is null)
        {
            throw new NodeNotFoundException(_nodeId, await GrainFactory.GetFleet().GetNodeIdsAsync());
        }

        return RunningRuntime() ?? throw new NodeUnavailableException(_nodeId, what);
    }

    // The node's own errors (bad input, unknown model, overload) reach the caller as they are; a runtime that cannot
    // be reached (its silo died since its last report) is reported as an unavailable node.
    private async Task<T> CallRuntimeAsync<T>(string what, Func<Task<T>> call)
    {
        try
        {
            return await call();
        }
        catch (Exception e) when (e is not Ratio1Exception and not OperationCanceledException)
        {
            LogDeliveryFailed(logger, e, _nodeId, what);
            throw new NodeUnavailableException(_nodeId, what);
        }
    }

    // Storage first, memory after: a failed write leaves the grain exactly as it was.
    private async Task WriteAsync(NodeState next, CancellationToken cancellationToken)
    {
        var previous = state.State;
        state.State = next;
        try
        {
            await state.WriteStateAsync(cancellationToken);
        }
        catch
        {
            state.State = previous;
            throw;
        }
    }

    private async Task RequireRegisteredAsync(CancellationToken cancellationToken)
    {
        if (state.State.NodeId is null)
        {
            throw new NodeNotFoundException(_nodeId, await GrainFactory.GetFleet().GetNodeIdsAsync(cancellationToken));
        }
    }

    private async Task<NodeInfo> ToInfoAsync(CancellationToken cancellationToken)
    {
        var s = state.State;
        var lastSeen = _lastSeen ?? s.RegisteredAt;
        var status = Liveness();
        var pipelines = await catalog.ListAsync(GrainKeys.PipelinePrefix(_nodeId), cancellationToken);
        return new NodeInfo(
            _nodeId, s.Alias, s.Tags.ToImmutableDictionary(StringComparer.Ordinal), [.. s.Signatures], status, lastSeen, s.FirstSeen, s.StartedAt,
            s.Version, s.HostName, s.SiloAddress, pipelines.Count(p => !p.Archived));
    }

    private static string Truncate(string value, int length) => value.Length <= length ? value : value[..length];

    /// <summary>The updates of one pipeline, with their positions in the whole batch.</summary>
    private sealed record BatchGroup(string Pipeline, List<(int Index, InstanceUpdate Update)> Updates)
    {
        // The pipeline numbers errors by position in its own share ("[j]." or nothing for one update); report the batch's.
        public ConfigError ToBatchPath(ConfigError error)
        {
            if (Updates.Count == 1)
            {
                return error with { Field = $"[{Updates[0].Index}].{error.Field}" };
            }

            var close = error.Field.IndexOf(']', StringComparison.Ordinal);
            return error.Field.StartsWith('[') && close > 0 && int.TryParse(error.Field[1..close], out var local) && local < Updates.Count
                ? error with { Field = $"[{Updates[local].Index}]{error.Field[(close + 1)..]}" }
                : error;
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Node {Node} registered by silo {Silo} with {Signatures} plugin signatures and {CaptureTypes} capture types")]
    private static partial void LogRegistered(ILogger logger, string node, string silo, int signatures, int? captureTypes);

    [LoggerMessage(Level = LogLevel.Error, Message = "Node {Node}: could not undo version {Version} of pipeline {Pipeline} after a failed node-wide batch; roll it back by hand")]
    private static partial void LogUndoFailed(ILogger logger, Exception exception, string node, string pipeline, int version);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Node {Node}: could not push version {Version} of pipeline {Pipeline} to the running node; it reconciles")]
    private static partial void LogPushFailed(ILogger logger, Exception exception, string node, string pipeline, int version);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Node {Node}: could not deliver {What}")]
    private static partial void LogDeliveryFailed(ILogger logger, Exception exception, string node, string what);

    [LoggerMessage(Level = LogLevel.Information, Message = "Node {Node} went offline (silo {Silo} shut down)")]
    private static partial void LogUnregistered(ILogger logger, string node, string silo);

    [LoggerMessage(Level = LogLevel.Information, Message = "Node {Node}: model {Model} version {Version} added (running on {Provider})")]
    private static partial void LogModelAdded(ILogger logger, string node, string model, string version, ExecutionProvider provider);

    [LoggerMessage(Level = LogLevel.Information, Message = "Node {Node}: model {Model} removed")]
    private static partial void LogModelRemoved(ILogger logger, string node, string model);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Node {Node}: model {Model} was loaded but could not be stored, and undoing the load failed; the node serves it until its silo restarts")]
    private static partial void LogModelUndoFailed(ILogger logger, Exception exception, string node, string model);
}
