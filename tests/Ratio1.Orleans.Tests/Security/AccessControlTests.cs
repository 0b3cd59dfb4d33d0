using System.Text.Json.Nodes;
using Ratio1.Orleans.Client;
using Ratio1.Orleans.Contracts.Errors;
using Ratio1.Orleans.Contracts.Security;

namespace Ratio1.Orleans.Tests.Security;

/// <summary>Who may do what on a node with security on: roles from the allow-lists, checked on every request.</summary>
public sealed class AccessControlTests(SecuredSilo secured) : IClassFixture<SecuredSilo>
{
    private static int _names;

    private static string NewName() => $"acl{Interlocked.Increment(ref _names)}";

    private async Task<Ratio1Session> AdminAsync() => await secured.ConnectAsync(secured.Admin);

    private async Task<(Ratio1Identity Identity, Ratio1Session Session)> MemberAsync(AccessRole? role, bool fleetWide = false)
    {
        var identity = Ratio1Identity.Create();
        if (role is { } granted)
        {
            await using var admin = await AdminAsync();
            await admin.GrantAccessAsync(fleetWide ? null : secured.Node, identity.Address, granted, alias: "member");
        }

        return (identity, await secured.ConnectAsync(identity));
    }

    private static Task<Ratio1.Orleans.Contracts.Pipelines.DeployOutcome> DeployAsync(Ratio1Session session, string node, string name) =>
        session.CreatePipeline(node, name, "Void").DeployAsync(new DeployOptions { WaitForConfirmation = false });

    [Fact]
    public async Task An_unknown_identity_cannot_deploy_and_nothing_is_created()
    {
        var (_, session) = await MemberAsync(role: null);
        await using var _ = session;
        var name = NewName();

        var error = await Assert.ThrowsAsync<UnauthorizedException>(() => DeployAsync(session, secured.Node, name));

        Assert.Equal("operator", error.RequiredRole);
        Assert.Equal("none", error.HeldRole);
        await using var admin = await AdminAsync();
        Assert.DoesNotContain(await admin.GetPipelinesAsync(secured.Node, includeArchived: true), p => p.Name == name);
    }

    [Fact]
    public async Task An_unsigned_request_is_refused_while_security_is_on()
    {
        await using var session = await secured.ConnectAsync(identity: null);

        var error = await Assert.ThrowsAsync<UnauthorizedException>(() => session.GetPipelinesAsync(secured.Node));

        Assert.Null(error.Caller);
        Assert.Contains("not signed", error.Message);
    }

    [Fact]
    public async Task A_viewer_can_read_but_not_deploy()
    {
        var name = NewName();
        await using (var admin = await AdminAsync())
        {
            await DeployAsync(admin, secured.Node, name);
        }

        var (_, viewer) = await MemberAsync(AccessRole.Viewer);
        await using var _ = viewer;

        Assert.Contains(await viewer.GetPipelinesAsync(secured.Node), p => p.Name == name);
        Assert.Equal(name, (await viewer.GetPipelineAsync(secured.Node, name)).Name);
        var error = await Assert.ThrowsAsync<UnauthorizedException>(() => viewer.UpdatePipelineAsync(secured.Node, name, new Dictionary<string, object?> { ["URL"] = "x" }));
        Assert.Equal("viewer", error.HeldRole);
    }

    [Fact]
    public async Task An_operator_can_deploy_but_not_grant()
    {
        var (_, @operator) = await MemberAsync(AccessRole.Operator);
        await using var _ = @operator;

        var outcome = await DeployAsync(@operator, secured.Node, NewName());
        Assert.Equal(1, outcome.Version);

        var error = await Assert.ThrowsAsync<UnauthorizedException>(() =>
            @operator.GrantAccessAsync(secured.Node, Ratio1Identity.Create().Address, AccessRole.Admin));
        Assert.Equal("admin", error.RequiredRole);
        Assert.Equal("operator", error.HeldRole);
    }

    [Fact]
    public async Task A_fleet_wide_role_applies_on_a_node_without_its_own_entry()
    {
        var (_, @operator) = await MemberAsync(AccessRole.Operator, fleetWide: true);
        await using var _ = @operator;

        Assert.Equal(1, (await DeployAsync(@operator, secured.Node, NewName())).Version);
    }

    [Fact]
    public async Task A_node_entry_overrides_the_fleet_wide_role()
    {
        var (identity, member) = await MemberAsync(AccessRole.Operator, fleetWide: true);
        await using var _ = member;
        await using (var admin = await AdminAsync())
        {
            await admin.GrantAccessAsync(secured.Node, identity.Address, AccessRole.Viewer);
        }

        var error = await Assert.ThrowsAsync<UnauthorizedException>(() => DeployAsync(member, secured.Node, NewName()));
        Assert.Equal("viewer", error.HeldRole);
    }

    [Fact]
    public async Task Revoking_removes_the_right_on_the_next_call()
    {
        var (identity, @operator) = await MemberAsync(AccessRole.Operator);
        await using var _ = @operator;
        await DeployAsync(@operator, secured.Node, NewName());

        await using (var admin = await AdminAsync())
        {
            Assert.True(await admin.RevokeAccessAsync(secured.Node, identity.Address));
        }

        await Assert.ThrowsAsync<UnauthorizedException>(() => DeployAsync(@operator, secured.Node, NewName()));
    }

    [Fact]
    public async Task An_admin_grant_is_audited_with_the_verified_signer_and_its_signed_request()
    {
        var granted = Ratio1Identity.Create();
        await using var admin = await AdminAsync();

        var list = await admin.GrantAccessAsync(secured.Node, granted.Address, AccessRole.Viewer, alias: "auditor");

        var change = list.Changes.Last(c => c.Address == granted.Address);
        Assert.Equal("grant", change.Action);
        Assert.Equal(AccessRole.Viewer, change.Role);
        Assert.Equal(secured.Admin.Address, change.ChangedBy);
        Assert.True(change.Verified);
        var document = JsonNode.Parse(change.RequestDocument!)!.AsObject();
        var verification = MessageSignature.Verify(document);
        Assert.True(verification.Valid, verification.Failure);
        Assert.Equal(secured.Admin.Address, verification.Sender);
        Assert.Equal("r1.IAccessGrain/grant", (string?)document["ACTION"]);
        Assert.Equal(granted.Address, (string?)document["PAYLOAD"]!["address"]);
    }

    [Fact]
    public async Task A_client_cannot_call_a_method_only_the_cluster_calls()
    {
        await using var admin = await AdminAsync();

        var error = await Assert.ThrowsAsync<UnauthorizedException>(() =>
            Ratio1.Orleans.Contracts.GrainFactoryExtensions.GetNode(admin.Client, secured.Node).UnregisterAsync("10.0.0.1:1"));

        Assert.Contains("only the cluster itself", error.Message);
    }

    [Fact]
    public async Task Watching_a_node_s_traffic_needs_the_viewer_role()
    {
        var (_, stranger) = await MemberAsync(role: null);
        await using var _ = stranger;

        await Assert.ThrowsAsync<UnauthorizedException>(async () =>
            await stranger.OnNodeHeartbeatAsync(secured.Node, _ => Task.CompletedTask));

        var (_, viewer) = await MemberAsync(AccessRole.Viewer);
        await using var __ = viewer;
        var heartbeats = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var subscription = await viewer.OnNodeHeartbeatAsync(secured.Node, _ =>
        {
            heartbeats.TrySetResult();
            return Task.CompletedTask;
        });
        Assert.NotNull(subscription);
    }

    [Fact]
    public async Task Refused_requests_are_counted_by_reason()
    {
        var (_, stranger) = await MemberAsync(role: null);
        await using var _ = stranger;
        using var listener = new System.Diagnostics.Metrics.MeterListener();
        long refused = 0;
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Name == "ratio1.security.requests.refused")
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<long>((_, value, tags, _) =>
        {
            foreach (var tag in tags)
            {
                if (tag is { Key: "reason", Value: "unauthorized" })
                {
                    Interlocked.Add(ref refused, value);
                }
            }
        });
        listener.Start();

        await Assert.ThrowsAsync<UnauthorizedException>(() => DeployAsync(stranger, secured.Node, NewName()));

        Assert.True(Interlocked.Read(ref refused) >= 1);
    }
}
