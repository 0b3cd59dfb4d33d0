using System.Net;
using System.Text.Json;
using Ratio1.Orleans.Tests.Infrastructure;

namespace Ratio1.Orleans.Tests.Dashboard;

/// <summary>
/// <c>GET /api/feed</c>: a browser-less client reads the live feed of a real silo as server-sent events, and its
/// filters (node, pipeline, signature, kinds) decide what it gets.
/// </summary>
[Collection(FeedCollection.Name)]
public sealed class FeedTests(FeedFixture fixture)
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task A_client_receives_the_nodes_heartbeats_and_the_payloads_of_a_deployed_pipeline()
    {
        var name = SiloFixture.UniqueName("fed");
        var (response, feed) = await FeedEventReader.OpenAsync(fixture.Http, fixture.Feed(), CancellationToken.None);
        using (response)
        using (feed)
        {
            await fixture.DeployAsync(name, 0.1, ("ECHO_01", "e1"));

            var heartbeat = (await feed.ReadUntilAsync(e => e.Name == "heartbeat", Patience)).Last().Json;
            var payload = (await feed.ReadUntilAsync(e => e.Name == "payload" && e.Json.GetProperty("envelope").GetProperty("pipeline").GetString() == name, Patience)).Last().Json;

            Assert.Equal(FeedFixture.NodeId, heartbeat.GetProperty("node").GetString());
            Assert.InRange(heartbeat.GetProperty("view").GetProperty("cpuPercent").GetDouble(), 0, 100);
            Assert.True(heartbeat.GetProperty("view").GetProperty("memoryTotalMiB").GetDouble() > 0);
            Assert.Equal(("ECHO_01", "e1"), (payload.GetProperty("envelope").GetProperty("signature").GetString(), payload.GetProperty("envelope").GetProperty("instanceId").GetString()));
            Assert.Equal(JsonValueKind.Object, payload.GetProperty("data").ValueKind);
        }
    }

    [Fact]
    public async Task A_pipeline_filter_with_kinds_payload_lets_only_that_pipelines_payloads_through()
    {
        var wanted = SiloFixture.UniqueName("want");
        var other = SiloFixture.UniqueName("other");
        var (response, feed) = await FeedEventReader.OpenAsync(fixture.Http, fixture.Feed($"pipeline={wanted}&kinds=payload"), CancellationToken.None);
        using (response)
        using (feed)
        {
            // The other pipeline sends more often: any leak would show among the first events.
            await fixture.DeployAsync(other, 0.02, ("ECHO_01", "o1"));
            await fixture.DeployAsync(wanted, 0.1, ("ECHO_01", "w1"));

            var read = new List<FeedEvent>();
            while (read.Count < 20)
            {
                read.AddRange(await feed.ReadUntilAsync(_ => true, Patience));
            }

            Assert.All(read, e => Assert.Equal(("payload", wanted), (e.Name, e.Json.GetProperty("envelope").GetProperty("pipeline").GetString())));
        }
    }

    [Fact]
    public async Task A_signature_filter_lets_only_that_signatures_messages_through()
    {
        var name = SiloFixture.UniqueName("sig");
        var (response, feed) = await FeedEventReader.OpenAsync(fixture.Http, fixture.Feed($"pipeline={name}&signature=failing_01"), CancellationToken.None);
        using (response)
        using (feed)
        {
            await fixture.DeployAsync(name, 0.05, ("ECHO_01", "echo"), ("FAILING_01", "fail"));

            // FAILING_01 sends no payload, only the notifications of its failures; ECHO_01's payloads must not come.
            var read = await feed.ReadUntilAsync(e => e.Name == "notification" && e.Json.GetProperty("code").GetString() == "PluginDelayed", Patience);

            Assert.All(read, e => Assert.Equal("FAILING_01", e.Json.GetProperty("envelope").GetProperty("signature").GetString()));
        }
    }

    [Fact]
    public async Task A_node_filter_for_another_node_gets_nothing_of_this_node()
    {
        var name = SiloFixture.UniqueName("node");
        var (allResponse, all) = await FeedEventReader.OpenAsync(fixture.Http, fixture.Feed(), CancellationToken.None);
        var (otherResponse, other) = await FeedEventReader.OpenAsync(fixture.Http, fixture.Feed("node=edge-elsewhere"), CancellationToken.None);
        using (allResponse)
        using (all)
        using (otherResponse)
        using (other)
        {
            await fixture.DeployAsync(name, 0.05, ("ECHO_01", "e1"));
            // Both connections were offered the same messages at the same moments.
            await all.ReadUntilAsync(e => e.Name == "heartbeat", Patience);
            await all.ReadUntilAsync(e => e.Name == "payload", Patience);

            using var quiet = new CancellationTokenSource(TimeSpan.FromSeconds(1));
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => other.ReadAsync(quiet.Token));
        }
    }

    [Fact]
    public async Task An_unknown_kind_is_refused_with_400_naming_the_field_and_value()
    {
        using var response = await fixture.Http.GetAsync(fixture.Feed("kinds=payload,pictures"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var error = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal(("kinds", "pictures"), (error.GetProperty("field").GetString(), error.GetProperty("value").GetString()));
        Assert.Contains("pictures", error.GetProperty("message").GetString());
    }
}
