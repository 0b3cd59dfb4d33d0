using Ratio1.Orleans.Contracts;
using Ratio1.Orleans.Contracts.Errors;
using Ratio1.Orleans.Contracts.Security;

namespace Ratio1.Orleans.Tests.Security;

/// <summary>A signed request is verified before anything runs: changed, replayed, stale or forged ones change nothing.</summary>
public sealed class SignedRequestTests(SecuredSilo secured) : IClassFixture<SecuredSilo>
{
    private async Task<ScriptedSigningClient> AdminClientAsync() => await ScriptedSigningClient.ConnectAsync(secured.Silo.GatewayPort, secured.Admin);

    private async Task<bool> IsListedAsync(string address)
    {
        await using var admin = await secured.ConnectAsync(secured.Admin);
        return (await admin.GetAccessAsync(secured.Node)).Entries.Any(e => e.Address == address);
    }

    [Fact]
    public async Task A_captured_request_replayed_is_refused()
    {
        await using var client = await AdminClientAsync();
        var access = client.Client.GetAccess(secured.Node);
        var first = Ratio1Identity.Create().Address;
        await access.GrantAsync(first, AccessRole.Viewer);
        await access.RevokeAsync(first);

        client.Scripted.Reuse = client.Scripted.Last;
        var error = await Assert.ThrowsAsync<RequestExpiredException>(() => access.RevokeAsync(first));

        Assert.Contains("already used", error.Reason);
    }

    [Fact]
    public async Task A_captured_request_replayed_under_another_spelling_of_its_sender_is_refused()
    {
        await using var client = await AdminClientAsync();
        var access = client.Client.GetAccess(secured.Node);
        var first = Ratio1Identity.Create().Address;
        await access.GrantAsync(first, AccessRole.Viewer);
        await access.RevokeAsync(first);

        // Whitelists store addresses without their prefix: the same key, spelt differently.
        client.Scripted.Reuse = client.Scripted.Last! with { Sender = client.Scripted.Last!.Sender[Ratio1Address.Prefix.Length..] };
        var error = await Assert.ThrowsAsync<RequestExpiredException>(() => access.RevokeAsync(first));

        Assert.Contains("already used", error.Reason);
    }

    [Fact]
    public async Task A_request_changed_after_signing_fails_verification_and_changes_nothing()
    {
        await using var client = await AdminClientAsync();
        var access = client.Client.GetAccess(secured.Node);
        var harmless = Ratio1Identity.Create().Address;
        await access.GrantAsync(harmless, AccessRole.Viewer);

        // The same signature on a different grant: the attacker's own address, as admin.
        client.Scripted.Reuse = client.Scripted.Last;
        var attacker = Ratio1Identity.Create().Address;
        var error = await Assert.ThrowsAsync<SignatureInvalidException>(() => access.GrantAsync(attacker, AccessRole.Admin));

        Assert.Contains("modified after signing", error.Reason);
        client.Scripted.Reuse = null;
        Assert.False(await IsListedAsync(attacker));
    }

    [Fact]
    public async Task A_request_older_than_the_replay_window_is_refused()
    {
        await using var client = await AdminClientAsync();
        client.Scripted.Backdate = TimeSpan.FromMinutes(10);
        var address = Ratio1Identity.Create().Address;

        var error = await Assert.ThrowsAsync<RequestExpiredException>(() => client.Client.GetAccess(secured.Node).GrantAsync(address, AccessRole.Viewer));

        Assert.Contains("replay window", error.Reason);
        Assert.False(await IsListedAsync(address));
    }

    [Fact]
    public async Task A_request_claiming_another_signer_fails_verification()
    {
        using var impostor = Ratio1Identity.Create();
        await using var client = await ScriptedSigningClient.ConnectAsync(secured.Silo.GatewayPort, impostor);
        client.Scripted.Alter = credential => credential with { Sender = secured.Admin.Address };
        var address = Ratio1Identity.Create().Address;

        var error = await Assert.ThrowsAsync<SignatureInvalidException>(() => client.Client.GetAccess(secured.Node).GrantAsync(address, AccessRole.Admin));

        Assert.Contains("does not verify", error.Reason);
        Assert.False(await IsListedAsync(address));
    }
}
