using System.Collections.Immutable;
using Microsoft.Extensions.Logging;
using Ratio1.Orleans.Contracts;
using Ratio1.Orleans.Contracts.Errors;
using Ratio1.Orleans.Contracts.Security;
using Ratio1.Orleans.Storage.Hosting;

namespace Ratio1.Orleans.Grains.Security;

/// <summary>An allow-list of one node, or the fleet-wide one; every change is stored with who asked and their signed request.</summary>
public sealed partial class AccessGrain(
    [PersistentState("access", StorageNames.State)] IPersistentState<AccessState> state,
    ILogger<AccessGrain> logger) : Grain, IAccessGrain
{
    private const int ChangesKept = 1000;

    private string Scope => GrainKeys.ParseAccess(this.GetPrimaryKeyString());

    private bool IsFleet => Scope == GrainKeys.FleetScope;

    public Task<AccessList> GetAsync(CancellationToken cancellationToken = default) => Task.FromResult(Snapshot());

    public async Task<AccessList> GrantAsync(string address, AccessRole role, string? alias = null, CancellationToken cancellationToken = default)
    {
        var normalized = RequireAddress(address);
        if (role is not (AccessRole.Viewer or AccessRole.Operator or AccessRole.Admin))
        {
            throw new InvalidConfigException("role", role.ToString(), "not a role to grant: use viewer, operator or admin");
        }

        if (alias is { Length: > 64 })
        {
            throw new InvalidConfigException("alias", alias[..20] + "…", $"{alias.Length} characters long; an alias has at most 64");
        }

        var (by, verified, document) = Changer();
        var entry = new AccessEntry(normalized, role, alias, by, DateTimeOffset.UtcNow);
        state.State.Entries.TryGetValue(normalized, out var previous);
        state.State.Entries[normalized] = entry;
        var change = Record("grant", normalized, role, by, verified, document);
        await WriteOrUndoAsync(normalized, previous, change, cancellationToken);
        LogGranted(logger, Scope, Ratio1Address.Short(normalized), role, Ratio1Address.Short(by));
        return Snapshot();
    }

    public async Task<bool> RevokeAsync(string address, CancellationToken cancellationToken = default)
    {
        var normalized = RequireAddress(address);
        if (!state.State.Entries.Remove(normalized, out var previous))
        {
            return false;
        }

        var (by, verified, document) = Changer();
        var change = Record("revoke", normalized, AccessRole.None, by, verified, document);
        await WriteOrUndoAsync(normalized, previous, change, cancellationToken);
        LogRevoked(logger, Scope, Ratio1Address.Short(normalized), Ratio1Address.Short(by));
        return true;
    }

    public async Task<AccessRole> ResolveAsync(string address, CancellationToken cancellationToken = default)
    {
        if (state.State.Entries.TryGetValue(address, out var entry))
        {
            return entry.Role;
        }

        // No entry on the node: the fleet-wide default decides.
        return IsFleet ? AccessRole.None : await GrainFactory.GetFleetAccess().ResolveAsync(address, cancellationToken);
    }

    private AccessList Snapshot() => new(Scope, [.. state.State.Entries.Values], [.. state.State.Changes]);

    private AccessChange Record(string action, string address, AccessRole role, string by, bool verified, string? document)
    {
        var sequence = state.State.Changes.Count == 0 ? 1 : state.State.Changes[^1].Sequence + 1;
        var change = new AccessChange(sequence, action, address, role, by, verified, DateTimeOffset.UtcNow, document);
        state.State.Changes.Add(change);
        return change;
    }

    private async Task WriteOrUndoAsync(string address, AccessEntry? previous, AccessChange change, CancellationToken cancellationToken)
    {
        try
        {
            if (state.State.Changes.Count > ChangesKept)
            {
                state.State.Changes.RemoveRange(0, state.State.Changes.Count - ChangesKept);
            }

            await state.WriteStateAsync(cancellationToken);
        }
        catch
        {
            // Memory must not grant what storage does not hold.
            state.State.Changes.Remove(change);
            if (previous is null)
            {
                state.State.Entries.Remove(address);
            }
            else
            {
                state.State.Entries[address] = previous;
            }

            throw;
        }
    }

    private static (string By, bool Verified, string? Document) Changer() =>
        VerifiedRequest.Current is { } request
            ? (request.Signer, true, request.Document)
            : ("(unsigned, security off)", false, null);

    private static string RequireAddress(string address) =>
        Ratio1Address.IsValid(address?.Trim())
            ? Ratio1Address.Normalize(address!.Trim())
            : throw new InvalidConfigException("address", address, "not an identity address (expected 0xai_ followed by a base64url public key)");

    [LoggerMessage(Level = LogLevel.Information, Message = "Access {Scope}: {Address} granted {Role} by {By}")]
    private static partial void LogGranted(ILogger logger, string scope, string address, AccessRole role, string by);

    [LoggerMessage(Level = LogLevel.Information, Message = "Access {Scope}: {Address} revoked by {By}")]
    private static partial void LogRevoked(ILogger logger, string scope, string address, string by);
}
