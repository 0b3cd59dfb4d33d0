using System.Collections.Immutable;
using Microsoft.Extensions.Logging;
using Orleans.Storage;
using Ratio1.Orleans.Contracts;
using Ratio1.Orleans.Contracts.Config;
using Ratio1.Orleans.Contracts.Errors;
using Ratio1.Orleans.Contracts.Nodes;
using Ratio1.Orleans.Contracts.Pipelines;
using Ratio1.Orleans.Contracts.Plugins;
using Ratio1.Orleans.Contracts.Security;
using Ratio1.Orleans.Grains.Nodes;
using Ratio1.Orleans.Grains.Persistence;
using Ratio1.Orleans.Grains.Pipelines.History;
using Ratio1.Orleans.Storage.Catalog;
using Ratio1.Orleans.Storage.Hosting;

namespace Ratio1.Orleans.Grains.Pipelines;

/// <summary>
/// Owns one pipeline's config. Every change is validated in full first, then written as one state write; the
/// schema's triggers archive the new version in the pipeline's history in that same transaction. A rejected or failed
/// change leaves the pipeline, and its history, exactly as they were.
/// </summary>
public sealed partial class PipelineGrain(
    [PersistentState(PipelineState.StateName, StorageNames.State)] IPersistentState<PipelineState> state,
    PipelineCatalog catalog,
    RegisteredNodes registeredNodes,
    TimeProvider time,
    ILogger<PipelineGrain> logger,
    Microsoft.Extensions.Options.IOptions<PipelineLimits> limits) : Grain, IPipelineGrain
{
    private const int MaxHistoryPage = 500;

    // Versions read at a time to verify the history: each holds a whole config (and a signed request), so a few at a time.
    private const int VerifyPage = 20;

    private string _node = string.Empty;
    private string _name = string.Empty;

    // What readers see: the last state that was written successfully (interleaving reads never see a half-done change).
    private PipelineState _committed = new();

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        (_node, _name) = GrainKeys.ParsePipeline(this.GetPrimaryKeyString());
        _committed = state.State;
        return Task.CompletedTask;
    }

    public Task<DeployOutcome> UpdateConfigAsync(ConfigMap payload, ChangeRequest request, CancellationToken cancellationToken = default)
    {
        CheckRequest(request);
        payload = WithOwnName(payload);

        // A new (or archived) pipeline is created from the payload; a live one takes it as a delta.
        return ChangeConfigAsync(request, current => current is null || current.Archived ? PipelineConfig.FromMap(payload) : current.Config.ApplyUpdate(payload), cancellationToken);
    }

    public Task<DeployOutcome> ReplaceConfigAsync(ConfigMap document, ChangeRequest request, CancellationToken cancellationToken = default)
    {
        CheckRequest(request);
        var config = PipelineConfig.FromMap(WithOwnName(document));
        return ChangeConfigAsync(request, _ => config, cancellationToken);
    }

    public async Task<DeployOutcome> UpdateInstancesAsync(ImmutableArray<InstanceUpdate> updates, ChangeRequest request, CancellationToken cancellationToken = default)
    {
        CheckRequest(request);
        var current = RequireLive("update its instances");
        CheckExpectedVersion(request, current);
        var (configUpdates, commands) = EmbeddedInstanceCommands.Split(updates, _name, request);
        var updated = ApplyInstanceUpdates(current.Config, configUpdates);
        var paths = InstanceUpdatePaths(configUpdates);
        if (!commands.IsEmpty && await GrainFactory.GetNode(_node).GetStatusAsync(cancellationToken) is not NodeStatus.Online)
        {
            // Commands are about now and are not queued: refuse before anything is stored.
            throw new NodeUnavailableException(_node, $"the INSTANCE_COMMAND for {commands[0].Signature}/{commands[0].InstanceId}");
        }

        var action = updates.Length == 1 ? PipelineAction.UpdateInstance : PipelineAction.BatchUpdateInstances;
        var outcome = updated.Equals(current.Config)
            ? Unchanged(current, action)
            : await CommitAsync(action, updated, archived: false, request, rolledBackTo: null, paths);
        foreach (var command in commands)
        {
            await GrainFactory.GetNode(_node).SendInstanceCommandAsync(command, cancellationToken);
        }

        return outcome;
    }

    public async Task<int> ValidateInstanceUpdatesAsync(ImmutableArray<InstanceUpdate> updates, ChangeRequest request, CancellationToken cancellationToken = default)
    {
        CheckRequest(request);
        var current = RequireLive("update its instances");
        CheckExpectedVersion(request, current);
        var configUpdates = EmbeddedInstanceCommands.Split(updates, _name, request).Updates;
        var updated = ApplyInstanceUpdates(current.Config, configUpdates);

        // The same checks the commit runs, so a node-wide batch refused by this pipeline stores nothing anywhere.
        var errors = new List<ConfigError>();
        await ValidateForCommitAsync(updated, current.Config, errors, InstanceUpdatePaths(configUpdates));
        return errors.Count > 0 ? throw new InvalidConfigException(errors) : current.Version;
    }

    public async Task<DeployOutcome> ArchiveAsync(ChangeRequest request, CancellationToken cancellationToken = default)
    {
        CheckRequest(request);
        var current = RequireExisting();
        CheckExpectedVersion(request, current);
        return current.Archived
            ? Unchanged(current, PipelineAction.Archive)
            : await CommitAsync(PipelineAction.Archive, current.Config, archived: true, request, rolledBackTo: null);
    }

    public async Task<int> DeleteAsync(ChangeRequest request, CancellationToken cancellationToken = default)
    {
        CheckRequest(request);
        var current = RequireExisting();
        CheckExpectedVersion(request, current);

        // Removing the row removes its history too (schema trigger), in one transaction. Not cancelled once started:
        // an abandoned delete would leave the caller unsure whether the pipeline is gone.
        try
        {
            await state.ClearStateAsync(CancellationToken.None);
        }
        catch (InconsistentStateException e)
        {
            throw Conflict(request, current, e);
        }

        var createdAt = _committed.CreatedAt;
        state.State = new PipelineState();
        _committed = state.State;
        // The history goes with the pipeline; the log keeps who deleted it. A pipeline created again starts a new chain.
        LogPipelineDeleted(logger, _node, _name, current.Version, VerifiedRequest.Current?.Signer ?? request.InitiatorId);
        // The life it ends goes with it: a late delete must not stop a pipeline created again under the same name.
        await GrainFactory.GetNode(_node).NotifyPipelineCommittedAsync(new PipelineCommit(_name, current.Version, Snapshot: null, createdAt));
        await ForgetInstancesAsync(current.Config.Instances.Select(i => (i.Signature, i.Instance.InstanceId)));
        return current.Version;
    }

    public async Task<DeployOutcome> RollbackAsync(int version, ChangeRequest request, CancellationToken cancellationToken = default)
    {
        CheckRequest(request);
        var current = RequireExisting();
        CheckExpectedVersion(request, current);
        if (version == current.Version && !current.Archived)
        {
            return Unchanged(current, PipelineAction.Rollback);
        }

        var target = await ReadVersionAsync(current, version, cancellationToken);
        return await CommitAsync(PipelineAction.Rollback, target.Config, archived: false, request, rolledBackTo: version);
    }

    public async Task<PipelineSnapshot> GetAsync(int? version = null, CancellationToken cancellationToken = default)
    {
        var current = RequireExisting();
        var revision = version is null ? current : await ReadVersionAsync(current, version.Value, cancellationToken);
        return ToSnapshot(revision, current.Version);
    }

    public Task<PipelineSummary?> GetSummaryAsync(CancellationToken cancellationToken = default) =>
        Task.FromResult(_committed.Current is { } current ? ToSummary(current) : null);

    public Task<PluginInstanceSnapshot?> GetInstanceAsync(string signature, string instanceId, CancellationToken cancellationToken = default)
    {
        var current = _committed.Current;
        var sig = Identifiers.NormalizeSignature(signature) ?? string.Empty;
        var instance = current?.Config.FindInstance(sig, instanceId);
        return Task.FromResult(instance is null
            ? null
            : new PluginInstanceSnapshot(_node, _name, sig, instance, current!.InstanceVersion(sig, instanceId), current.Version, Status: null));
    }

    public async Task<ImmutableArray<PipelineRevisionInfo>> GetHistoryAsync(int? beforeVersion = null, int limit = 50, CancellationToken cancellationToken = default)
    {
        var current = RequireExisting();
        limit = Math.Clamp(limit, 1, MaxHistoryPage);
        var newest = Math.Min(beforeVersion is { } before ? before - 1 : current.Version, current.Version);
        if (newest < 1)
        {
            return [];
        }

        var records = await catalog.ReadVersionsAsync(this.GetPrimaryKeyString(), newest, Math.Max(1, newest - limit + 1), cancellationToken);
        return [.. records.Select(r => ParseRecord(r).ToInfo())];
    }

    public async Task<HistoryVerification> VerifyHistoryAsync(CancellationToken cancellationToken = default)
    {
        var head = RequireExisting();
        var key = this.GetPrimaryKeyString();
        var check = new HistoryChainCheck(key, this.GetGrainId().ToString(), GrainFactory.GetNode(_node).GetGrainId().ToString());

        // Read from storage page by page, oldest first, past the current version too: a history longer than the
        // pipeline is as broken as a shorter one.
        for (var oldest = 1; check.Broken is null; oldest += VerifyPage)
        {
            var page = await catalog.ReadVersionsAsync(key, oldest + VerifyPage - 1, oldest, cancellationToken);
            if (page.Count == 0 && oldest > head.Version)
            {
                break;
            }

            // Pages come newest first.
            foreach (var stored in page.Reverse())
            {
                if (!check.Add(stored))
                {
                    break;
                }
            }
        }

        var verdict = check.Finish(head);
        if (!verdict.Intact)
        {
            LogHistoryBroken(logger, _node, _name, verdict.FirstBrokenVersion ?? 0, verdict.Reason!);
        }

        return verdict;
    }

    private async Task<DeployOutcome> ChangeConfigAsync(ChangeRequest request, Func<PipelineRevisionRecord?, PipelineConfig> build, CancellationToken cancellationToken)
    {
        var current = _committed.Current;
        CheckExpectedVersion(request, current);
        var config = build(current);

        if (current is null || current.Archived)
        {
            if (current is null)
            {
                await EnsureNodeIsKnownAsync(cancellationToken);
            }

            limits.Value.CheckRoomFor(await GrainFactory.GetNode(_node).CountLivePipelinesAsync(_name, cancellationToken), _node, _name);
            return await CommitAsync(PipelineAction.Create, config, archived: false, request, rolledBackTo: null);
        }

        return config.Equals(current.Config)
            ? Unchanged(current, PipelineAction.UpdateConfig)
            : await CommitAsync(PipelineAction.UpdateConfig, config, archived: false, request, rolledBackTo: null);
    }

    private async Task<DeployOutcome> CommitAsync(
        PipelineAction action, PipelineConfig config, bool archived, ChangeRequest request, int? rolledBackTo, IReadOnlyDictionary<(string, string), string>? instancePaths = null)
    {
        var previous = _committed;
        if (!archived)
        {
            var running = previous.Current is { Archived: false } live ? live.Config : null;
            var errors = new List<ConfigError>();
            using var validate = DeploySpans.Start(DeploySpans.Validate, _node, _name);
            await ValidateForCommitAsync(config, running, errors, instancePaths);
            if (errors.Count > 0)
            {
                var refused = new InvalidConfigException(errors);
                DeploySpans.Failed(validate, refused);
                throw refused;
            }
        }

        var before = previous.Current;
        var now = time.GetUtcNow();
        var restart = action == PipelineAction.Create || (before?.Archived == true && !archived);
        var changes = archived && before is not null
            ? new InstanceChangeSet(InstanceChangeSet.Unchanged(before), before.InstanceVersions)
            : InstanceChangeSet.Compute(before, config, restart);

        // A signed request names its verified signer; an unsigned one (security off) keeps the declared initiator, marked unverified.
        var signed = VerifiedRequest.Current;
        var changedBy = signed?.Signer ?? request.InitiatorId;
        var record = HistoryHashes.Seal(this.GetPrimaryKeyString(), new PipelineRevisionRecord(
            (before?.Version ?? 0) + 1, action, changedBy, request.SessionId, now, archived, request.Comment, rolledBackTo, config, changes.Versions,
            Verified: signed is not null, RequestHash: signed?.Hash, Signature: signed?.Signature, Request: signed?.Document), before);
        var next = new PipelineState
        {
            Current = record,
            CreatedBy = action == PipelineAction.Create ? changedBy : previous.CreatedBy,
            CreatedAt = action == PipelineAction.Create ? now : previous.CreatedAt,
        };

        // Validation is over; the write itself is not cancelled, so the caller never has to guess whether it landed.
        state.State = next;
        using (var write = DeploySpans.Start(DeploySpans.Write, _node, _name, record.Version))
        {
            try
            {
                await state.WriteStateAsync(CancellationToken.None);
            }
            catch (InconsistentStateException e)
            {
                state.State = previous;
                DeploySpans.Failed(write, e);
                throw Conflict(request, before, e);
            }
            catch (Exception e)
            {
                state.State = previous;
                DeploySpans.Failed(write, e);
                throw;
            }
        }

        _committed = next;
        LogPipelineChanged(logger, _node, _name, record.Version, action.ToRatio1Action(), changedBy);
        // The node's runtime gets the version whole and applies it without reading it back.
        using (DeploySpans.Start(DeploySpans.Push, _node, _name, record.Version))
        {
            await GrainFactory.GetNode(_node).NotifyPipelineCommittedAsync(new PipelineCommit(_name, record.Version, ToSnapshot(record, record.Version), next.CreatedAt));
        }
        await ForgetInstancesAsync(changes.Outcomes.Where(o => o.Change == InstanceChange.Removed).Select(o => (o.Signature, o.InstanceId)));
        return new DeployOutcome(_node, _name, record.Version, action, Changed: true, changes.Outcomes, now);
    }

    // Checked against what the node registered (stored), so it holds wherever this grain runs and while the node is
    // offline. Instance keys are named where the caller wrote them: under INSTANCE_CONFIG of an instance update
    // (instancePaths), else at the instance's place in the config.
    private async Task ValidateForCommitAsync(
        PipelineConfig config, PipelineConfig? running, List<ConfigError> errors, IReadOnlyDictionary<(string, string), string>? instancePaths)
    {
        limits.Value.Check(_node, config);

        // Only what the change brings in is checked: a running pipeline stays editable if its node dropped its capture
        // type or a plugin, or tightened a rule. What the node offers is read once, and only when needed.
        var captureChanged = running is null || running.Type != config.Type || !running.Settings.Equals(config.Settings);
        var existing = running?.Plugins.Select(p => p.Signature).ToHashSet(StringComparer.Ordinal) ?? [];
        var signaturesAdded = !config.Plugins.All(p => existing.Contains(p.Signature));
        var instancesChanged = !config.Instances.All(i => InstanceUnchanged(running, i.Signature, i.Instance));
        if (!captureChanged && !signaturesAdded && !instancesChanged)
        {
            return;
        }

        var offered = await registeredNodes.OfferAsync(_node, CancellationToken.None);
        if (captureChanged)
        {
            // Ratio1 accepts an unknown TYPE or a bad capture key and fails the pipeline later; we refuse them and say
            // what the node offers.
            offered.ValidateCapture(_node, config, errors);
            await offered.ValidateReachAsync(config, errors, CancellationToken.None);
        }

        if (signaturesAdded)
        {
            CheckSignatures(config, existing, offered, errors);
        }

        if (instancesChanged)
        {
            CheckInstanceKeys(config, running, offered, errors, instancePaths);
        }
    }

    // The path an instance update's keys are named under (the last update of an instance wins, as it is applied last).
    private static Dictionary<(string, string), string> InstanceUpdatePaths(ImmutableArray<InstanceUpdate> updates)
    {
        var paths = new Dictionary<(string, string), string>();
        for (var i = 0; i < updates.Length; i++)
        {
            if (Identifiers.NormalizeSignature(updates[i].Signature) is { } signature && updates[i].InstanceId is { } instanceId)
            {
                paths[(signature, instanceId)] = (updates.Length == 1 ? string.Empty : $"[{i}].") + "INSTANCE_CONFIG.";
            }
        }

        return paths;
    }

    private PipelineConfig ApplyInstanceUpdates(PipelineConfig config, ImmutableArray<InstanceUpdate> updates)
    {
        if (updates.IsDefaultOrEmpty)
        {
            throw new InvalidConfigException("INSTANCES", "[]", "at least one instance update is required");
        }

        var errors = new List<ConfigError>();
        for (var i = 0; i < updates.Length; i++)
        {
            var prefix = updates.Length == 1 ? string.Empty : $"[{i}].";
            var update = updates[i];
            try
            {
                var signature = Identifiers.RequireSignature(update.Signature, prefix + PluginBlockKeys.Signature);
                var instanceId = Identifiers.RequireInstanceId(update.InstanceId, prefix + InstanceKeys.InstanceId);
                if (config.FindInstance(signature, instanceId) is null)
                {
                    throw new InstanceNotFoundException(_node, _name, signature, instanceId);
                }

                config = config.ApplyInstanceUpdate(signature, instanceId, update.Delta ?? ConfigMap.Empty, prefix + "INSTANCE_CONFIG.");
            }
            catch (InvalidConfigException e)
            {
                errors.AddRange(e.Errors);
            }
            catch (InstanceNotFoundException e) when (updates.Length > 1)
            {
                errors.Add(new ConfigError(prefix + InstanceKeys.InstanceId, $"\"{e.InstanceId}\"", e.Message));
            }
        }

        return errors.Count == 0 ? config : throw new InvalidConfigException(errors);
    }

    private async Task<PipelineRevisionRecord> ReadVersionAsync(PipelineRevisionRecord current, int version, CancellationToken cancellationToken)
    {
        if (version == current.Version)
        {
            return current;
        }

        if (version < 1 || version > current.Version)
        {
            throw new PipelineVersionNotFoundException(_node, _name, version, current.Version);
        }

        var records = await catalog.ReadVersionsAsync(this.GetPrimaryKeyString(), version, version, cancellationToken);
        return records.Count == 1 ? ParseRecord(records[0]) : throw new PipelineVersionNotFoundException(_node, _name, version, current.Version);
    }

    private ConfigMap WithOwnName(ConfigMap payload)
    {
        switch (payload.GetValueOrDefault(PipelineKeys.Name))
        {
            case null:
                return ConfigMap.Empty.SetItem(PipelineKeys.Name, _name).SetItems(payload);
            case { Kind: ConfigValueKind.String } name when name.AsString() == _name:
                return payload;
            case var other:
                throw new InvalidConfigException(PipelineKeys.Name, other.ToJson(), $"does not match the pipeline being updated ('{_name}')");
        }
    }

    private void CheckExpectedVersion(ChangeRequest request, PipelineRevisionRecord? current)
    {
        var actual = current?.Version ?? 0;
        var conflict = request.ExpectedVersion switch
        {
            null => false,
            0 => current is { Archived: false },
            var expected => expected != actual,
        };

        if (conflict)
        {
            throw new ConfigConflictException(_node, _name, request.ExpectedVersion!.Value, actual);
        }
    }

    private static void CheckRequest(ChangeRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (string.IsNullOrWhiteSpace(request.InitiatorId))
        {
            throw new InvalidConfigException(PipelineKeys.InitiatorId, null, "every change must name its initiator");
        }

        // Kept in the pipeline's history: the same text rules as the config.
        var errors = new List<ConfigError>();
        foreach (var (field, text) in new[] { (PipelineKeys.InitiatorId, request.InitiatorId), (PipelineKeys.SessionId, request.SessionId), ("COMMENT", request.Comment) })
        {
            if (text is not null && StorableText.Check(text) is { } problem)
            {
                errors.Add(new ConfigError(field, ConfigValue.FromString(text).ToJson(), problem));
            }
        }

        if (errors.Count > 0)
        {
            throw new InvalidConfigException(errors);
        }

        if (request.ExpectedVersion is < 0)
        {
            throw new InvalidConfigException("EXPECTED_VERSION", request.ExpectedVersion.Value.ToString(System.Globalization.CultureInfo.InvariantCulture), "must be 0 (must not exist) or a version number");
        }
    }

    private PipelineRevisionRecord RequireExisting() => _committed.Current ?? throw new PipelineNotFoundException(_node, _name);

    // Another activation of this pipeline (after a split brain) wrote first: this one is stale and steps aside.
    private ConfigConflictException Conflict(ChangeRequest request, PipelineRevisionRecord? current, InconsistentStateException cause)
    {
        DeactivateOnIdle();
        return new ConfigConflictException(_node, _name, request.ExpectedVersion ?? current?.Version ?? 0, current?.Version ?? 0,
            $"The stored pipeline was changed by another writer ({cause.Message}). Nothing was applied; reload and retry.");
    }

    // Instances that no longer exist drop the status they kept, so one re-created later starts clean.
    private async Task ForgetInstancesAsync(IEnumerable<(string Signature, string InstanceId)> instances)
    {
        foreach (var (signature, instanceId) in instances)
        {
            try
            {
                await GrainFactory.GetPluginInstance(_node, _name, signature, instanceId).ForgetAsync();
            }
            catch (Exception e)
            {
                LogForgetFailed(logger, e, _node, _name, signature, instanceId);
            }
        }
    }

    private PipelineRevisionRecord RequireLive(string what)
    {
        var current = RequireExisting();
        return current.Archived
            ? throw new PipelineNotFoundException(_node, _name, $"It is archived (version {current.Version}); deploy it again to revive it before you {what}.")
            : current;
    }

    // Ratio1 accepts an unknown signature and leaves the instance dead; we refuse it and say what the node offers.
    private void CheckSignatures(PipelineConfig config, HashSet<string> existing, OfferedByNode offered, List<ConfigError> errors)
    {
        for (var i = 0; i < config.Plugins.Length; i++)
        {
            var signature = config.Plugins[i].Signature;
            if (!existing.Contains(signature) && !offered.Signatures.Contains(signature))
            {
                errors.Add(new ConfigError($"{PipelineKeys.Plugins}[{i}].{PluginBlockKeys.Signature}", $"\"{signature}\"",
                    offered.Signatures.IsEmpty
                        ? $"node '{_node}' offers no plugins"
                        : $"node '{_node}' has no plugin '{signature}'; it offers {string.Join(", ", offered.Signatures)}"));
            }
        }
    }

    // The node's plugins declare their instance keys' rules as its capture sources declare theirs, and both are checked
    // here with the same code, so a bad key is refused before it is stored, naming it, whichever declared it.
    private static void CheckInstanceKeys(
        PipelineConfig config, PipelineConfig? running, OfferedByNode offered, List<ConfigError> errors, IReadOnlyDictionary<(string, string), string>? instancePaths)
    {
        for (var p = 0; p < config.Plugins.Length; p++)
        {
            var plugin = config.Plugins[p];
            for (var i = 0; i < plugin.Instances.Length; i++)
            {
                if (!InstanceUnchanged(running, plugin.Signature, plugin.Instances[i]))
                {
                    var prefix = instancePaths?.GetValueOrDefault((plugin.Signature, plugin.Instances[i].InstanceId))
                        ?? $"{PipelineKeys.Plugins}[{p}].{PluginBlockKeys.Instances}[{i}].";
                    offered.ValidateInstance(plugin.Signature, plugin.Instances[i], prefix, errors);
                }
            }
        }
    }

    private static bool InstanceUnchanged(PipelineConfig? running, string signature, InstanceConfig instance) =>
        running?.FindInstance(signature, instance.InstanceId) is { } before && before.Settings.Equals(instance.Settings);

    private async Task EnsureNodeIsKnownAsync(CancellationToken cancellationToken)
    {
        if (!await registeredNodes.IsRegisteredAsync(_node, cancellationToken))
        {
            throw new NodeNotFoundException(_node, await GrainFactory.GetFleet().GetNodeIdsAsync(cancellationToken));
        }
    }

    private DeployOutcome Unchanged(PipelineRevisionRecord current, PipelineAction action) =>
        new(_node, _name, current.Version, action, Changed: false, InstanceChangeSet.Unchanged(current), current.ChangedAt);

    private PipelineSnapshot ToSnapshot(PipelineRevisionRecord revision, int latestVersion) =>
        new(_node, revision.Config, revision.ToInfo(), latestVersion, _committed.CreatedBy, _committed.CreatedAt,
            [.. revision.Config.Instances.Select(i => new InstanceVersion(i.Signature, i.Instance.InstanceId, revision.InstanceVersion(i.Signature, i.Instance.InstanceId)))]);

    private static PipelineRevisionRecord ParseRecord(string json) =>
        System.Text.Json.JsonSerializer.Deserialize(json, GrainStateJsonContext.Default.PipelineRevisionRecord)
        ?? throw new InvalidOperationException("A stored pipeline version is empty.");

    private static PipelineSummary ToSummary(PipelineRevisionRecord record) =>
        new(record.Config.Name, record.Config.Type, record.Version, record.Archived, record.Config.InstanceCount, record.ChangedBy, record.ChangedAt);

    [LoggerMessage(Level = LogLevel.Information, Message = "Pipeline {Node}/{Pipeline} is at version {Version} after {Action} by {Initiator}")]
    private static partial void LogPipelineChanged(ILogger logger, string node, string pipeline, int version, string action, string initiator);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not clear the status of removed instance {Signature}/{InstanceId} of {Node}/{Pipeline}")]
    private static partial void LogForgetFailed(ILogger logger, Exception exception, string node, string pipeline, string signature, string instanceId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The history of pipeline {Node}/{Pipeline} does not verify at version {Version}: {Reason}")]
    private static partial void LogHistoryBroken(ILogger logger, string node, string pipeline, int version, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Pipeline {Node}/{Pipeline} (version {Version}) deleted by {Initiator}")]
    private static partial void LogPipelineDeleted(ILogger logger, string node, string pipeline, int version, string initiator);
}
