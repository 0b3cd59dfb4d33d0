using Ratio1.Orleans.Contracts.Errors;
using Ratio1.Orleans.Tests.Infrastructure;

namespace Ratio1.Orleans.Tests.Pipelines;

/// <summary>Two clients changing one pipeline never lose an update: a stale writer gets a conflict.</summary>
[Collection(SiloCollection.Name)]
public sealed class ConcurrentChangeTests(SiloFixture fixture)
{
    private const string Node = SiloFixture.NodeId;

    [Fact]
    public async Task The_second_of_two_clients_editing_the_same_version_gets_a_conflict_and_the_first_change_is_kept()
    {
        var name = await DeployAsync();
        await using var alice = await fixture.Silo.ConnectAsync("alice");
        await using var bob = await fixture.Silo.ConnectAsync("bob");
        var aliceView = await alice.AttachToPipelineAsync(Node, name);
        var bobView = await bob.AttachToPipelineAsync(Node, name);
        aliceView.CreatePluginInstance("ECHO_01", "from-alice");
        bobView.UpdateInstanceConfig("ECHO_01", "e1", new Dictionary<string, object?> { ["PROCESS_DELAY"] = 9 });

        await aliceView.DeployAsync();
        var conflict = await Assert.ThrowsAsync<ConfigConflictException>(() => bobView.DeployAsync());

        Assert.Equal((1, 2), (conflict.ExpectedVersion, conflict.ActualVersion));
        var current = await fixture.Session.GetPipelineAsync(Node, name);
        Assert.NotNull(current.Config.FindInstance("ECHO_01", "from-alice"));
        Assert.Equal(1, current.Config.FindInstance("ECHO_01", "e1")!.ProcessDelay);
    }

    [Fact]
    public async Task The_losing_client_can_refresh_reapply_and_keep_both_changes()
    {
        var name = await DeployAsync();
        await using var alice = await fixture.Silo.ConnectAsync("alice");
        await using var bob = await fixture.Silo.ConnectAsync("bob");
        var aliceView = await alice.AttachToPipelineAsync(Node, name);
        var bobView = await bob.AttachToPipelineAsync(Node, name);
        aliceView.CreatePluginInstance("ECHO_01", "from-alice");
        await aliceView.DeployAsync();

        await bobView.RefreshAsync();
        bobView.UpdateInstanceConfig("ECHO_01", "e1", new Dictionary<string, object?> { ["PROCESS_DELAY"] = 9 });
        var outcome = await bobView.DeployAsync();

        var current = await fixture.Session.GetPipelineAsync(Node, name);
        Assert.Equal(3, outcome.Version);
        Assert.NotNull(current.Config.FindInstance("ECHO_01", "from-alice"));
        Assert.Equal(9, current.Config.FindInstance("ECHO_01", "e1")!.ProcessDelay);
    }

    [Fact]
    public async Task Clients_racing_with_retries_never_lose_an_update()
    {
        var name = await DeployAsync();
        const int writers = 8;
        var conflicts = 0;

        await Task.WhenAll(Enumerable.Range(0, writers).Select(async w =>
        {
            await using var session = await fixture.Silo.ConnectAsync($"writer-{w}");
            while (true)
            {
                var view = await session.AttachToPipelineAsync(Node, name);
                view.CreatePluginInstance("ECHO_01", $"w{w}");
                try
                {
                    await view.DeployAsync();
                    return;
                }
                catch (ConfigConflictException)
                {
                    Interlocked.Increment(ref conflicts);
                }
            }
        }));

        var current = await fixture.Session.GetPipelineAsync(Node, name);
        Assert.Equal(1 + writers, current.Version);
        Assert.All(Enumerable.Range(0, writers), w => Assert.NotNull(current.Config.FindInstance("ECHO_01", $"w{w}")));
    }

    [Fact]
    public async Task Of_two_clients_creating_the_same_pipeline_exactly_one_succeeds()
    {
        var name = SiloFixture.UniqueName();
        await using var alice = await fixture.Silo.ConnectAsync("alice");
        await using var bob = await fixture.Silo.ConnectAsync("bob");
        var fromAlice = alice.CreatePipeline(Node, name, "Void", new Dictionary<string, object?> { ["URL"] = "alice" });
        var fromBob = bob.CreatePipeline(Node, name, "Void", new Dictionary<string, object?> { ["URL"] = "bob" });

        var results = await Task.WhenAll(Attempt(fromAlice.DeployAsync()), Attempt(fromBob.DeployAsync()));

        Assert.Equal(1, results.Count(r => r is null));
        Assert.Single(results, r => r is ConfigConflictException);
        var current = await fixture.Session.GetPipelineAsync(Node, name);
        Assert.Equal(1, current.Version);
    }

    private static async Task<Exception?> Attempt(Task task)
    {
        try
        {
            await task;
            return null;
        }
        catch (Exception e)
        {
            return e;
        }
    }

    private async Task<string> DeployAsync()
    {
        var name = SiloFixture.UniqueName();
        var pipeline = fixture.Session.CreatePipeline(Node, name, "Void");
        pipeline.CreatePluginInstance("ECHO_01", "e1", new Dictionary<string, object?> { ["PROCESS_DELAY"] = 1 });
        await pipeline.DeployAsync();
        return name;
    }
}
