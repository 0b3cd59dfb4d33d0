using Ratio1.Orleans.Cli.Failures;
using Ratio1.Orleans.Contracts.Security;
using Ratio1.Orleans.Tests.Security;

namespace Ratio1.Orleans.Tests.Cli;

/// <summary><c>r1ctl access</c> against a silo with security on, signing with identity files as an operator would.</summary>
public sealed class AccessCommandTests(SecuredSilo secured) : IClassFixture<SecuredSilo>, IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("r1-access-").FullName;

    private string IdentityFile(Ratio1Identity identity)
    {
        var path = Path.Combine(_folder, $"{Guid.NewGuid():N}.pem");
        File.WriteAllText(path, identity.ExportPem());
        return path;
    }

    private Task<CliResult> RunAsync(Ratio1Identity identity, params string[] args) =>
        R1ctl.RunAsync(secured.Silo.GatewayPort, [.. args, "--identity", IdentityFile(identity)]);

    [Fact]
    public async Task An_admin_grants_a_role_and_the_list_shows_it_with_who_granted_it()
    {
        using var member = Ratio1Identity.Create();

        var granted = await RunAsync(secured.Admin, "access", "grant", member.Address, secured.Node, "--role", "operator", "--alias", "ops-bot");
        var listed = await RunAsync(secured.Admin, "access", "list", secured.Node, "--json");

        Assert.True(granted.ExitCode == 0, granted.ToString());
        Assert.Contains("is operator on secured-node", granted.Stdout);
        var entry = listed.StdoutJson().GetProperty("entries").EnumerateArray().Single(e => e.GetProperty("address").GetString() == member.Address);
        Assert.Equal("Operator", entry.GetProperty("role").ToString());
        Assert.Equal(secured.Admin.Address, entry.GetProperty("grantedBy").GetString());
    }

    [Fact]
    public async Task An_operator_cannot_grant_and_r1ctl_exits_with_the_unauthorized_code()
    {
        using var member = Ratio1Identity.Create();
        await RunAsync(secured.Admin, "access", "grant", member.Address, secured.Node, "--role", "operator");

        var result = await RunAsync(member, "access", "grant", Ratio1Identity.Create().Address, secured.Node, "--role", "admin");

        Assert.Equal(ExitCodes.Unauthorized, result.ExitCode);
        Assert.Contains("needs 'admin'", result.Stderr);
    }

    [Fact]
    public async Task Without_an_identity_r1ctl_is_refused_and_told_how_to_get_one()
    {
        var result = await R1ctl.RunAsync(secured.Silo.GatewayPort, "pipelines", secured.Node, "--identity", Path.Combine(_folder, "none.pem"));

        Assert.Equal(ExitCodes.Unauthorized, result.ExitCode);
        Assert.Contains("r1ctl id new", result.Stderr);
    }

    [Fact]
    public async Task Revoke_removes_an_identity_from_the_list()
    {
        using var member = Ratio1Identity.Create();
        await RunAsync(secured.Admin, "access", "grant", member.Address, "--fleet", "--role", "viewer");

        var revoked = await RunAsync(secured.Admin, "access", "revoke", member.Address, "--fleet");
        var listed = await RunAsync(secured.Admin, "access", "list", "--fleet", "--changes");

        Assert.True(revoked.ExitCode == 0, revoked.ToString());
        Assert.Contains("removed from the fleet", revoked.Stdout);
        Assert.DoesNotContain(member.Address, listed.Stdout.Split("SEQ")[0]);
        Assert.Contains("revoke", listed.Stdout);
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);
}
