using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Ratio1.Orleans.Contracts.Config;
using Ratio1.Orleans.Contracts.Messages;
using Ratio1.Orleans.Edge.Traffic;

namespace Ratio1.Orleans.Tests.Traffic;

/// <summary>
/// The node's publisher under more traffic than the stream provider takes: on ADO.NET streams, where every batch is a
/// database round trip, a tight loop of payloads fills the publisher's backlog at once.
/// </summary>
[Collection(AdoNetTrafficCollection.Name)]
public sealed class TrafficPublisherTests(AdoNetTrafficFixture fixture)
{
    [Fact]
    public async Task A_flood_of_payloads_does_not_push_out_the_nodes_notifications()
    {
        var publisher = fixture.Silo.Services.GetRequiredService<TrafficPublisher>();
        var node = $"flood-{Guid.NewGuid():N}";
        var received = new TaskCompletionSource<Notification>(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var subscription = await fixture.Session.OnNodeNotificationAsync(node, n =>
        {
            received.TrySetResult(n);
            return Task.CompletedTask;
        });
        var droppedBefore = publisher.Dropped;

        // Far more payloads than any provider carries, on streams spread over every lane, before and after the notification:
        // until the provider has refused some (how many the loop makes in a given time depends on the machine's load).
        var clock = Stopwatch.StartNew();
        var sent = false;
        for (var i = 0; clock.Elapsed < TimeSpan.FromMilliseconds(400) || (publisher.Dropped == droppedBefore && clock.Elapsed < TimeSpan.FromSeconds(30)); i++)
        {
            publisher.Publish(new Payload(publisher.Envelope(node, $"p{i % 16}", "ECHO_01", "e1"), ConfigMap.Empty));
            if (!sent && clock.Elapsed > TimeSpan.FromMilliseconds(50))
            {
                publisher.Publish(new Notification(publisher.Envelope(node, null, null, null), NotificationType.Normal, NotificationCode.PipelineOk, "still here"));
                sent = true;
            }
        }

        var notification = await received.Task.WaitAsync(TimeSpan.FromSeconds(20));

        Assert.Equal("still here", notification.Message);
        Assert.True(publisher.Dropped > droppedBefore, "the flood was more than the provider took");
    }
}
