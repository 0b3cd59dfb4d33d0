using Ratio1.Orleans.Client;
using Ratio1.Orleans.Contracts.Security;

namespace Ratio1.Orleans.Tests.Security;

/// <summary>With security on, pipeline history records who really made each change, and the chain verifies.</summary>
public sealed class SignedHistoryTests(SecuredSilo secured) : IClassFixture<SecuredSilo>
{
    [Fact]
    public async Task Each_version_records_the_verified_signer_not_the_declared_name_and_the_chain_verifies()
    {
        using var @operator = Ratio1Identity.Create();
        await using (var admin = await secured.ConnectAsync(secured.Admin))
        {
            await admin.GrantAccessAsync(secured.Node, @operator.Address, AccessRole.Operator);
        }

        var options = secured.Silo.SessionOptions(clientName: "someone-else");
        options.Identity = @operator;
        await using var session = await Ratio1Session.ConnectAsync(options);
        var pipeline = session.CreatePipeline(secured.Node, "signed-history", "Void");
        pipeline.CreatePluginInstance("ECHO_01", "e1", new Dictionary<string, object?> { ["PROCESS_DELAY"] = 1 });
        await pipeline.DeployAsync(DeployOptions.NoConfirmation);
        await session.UpdateInstanceAsync(secured.Node, pipeline.Name, "ECHO_01", "e1", new Dictionary<string, object?> { ["PROCESS_DELAY"] = 2 });
        await session.RollbackPipelineAsync(secured.Node, pipeline.Name, 1);

        var history = await session.GetPipelineHistoryAsync(secured.Node, pipeline.Name);
        var verification = await pipeline.VerifyHistoryAsync();

        Assert.Equal(3, history.Count);
        Assert.All(history, version =>
        {
            Assert.Equal(@operator.Address, version.ChangedBy);
            Assert.True(version.Verified);
        });
        Assert.True(verification.Intact, verification.Reason);
        Assert.Equal(3, verification.VersionsChecked);
        Assert.Equal(3, verification.SignedVersions);
    }
}
