using Microsoft.Extensions.DependencyInjection;
using Ratio1.Orleans.Contracts.Config;
using Ratio1.Orleans.Contracts.Messages;
using Ratio1.Orleans.Edge.Traffic;

namespace Ratio1.Orleans.Tests.Traffic;

/// <summary>Sequence numbers leave the node increasing per stream, so a client's redelivery filter never skips a new message.</summary>
[Collection(AdoNetTrafficCollection.Name)]
public sealed class TrafficOrderTests(AdoNetTrafficFixture fixture)
{
    [Fact]
    public async Task A_message_numbered_before_another_but_queued_after_it_is_renumbered_and_delivered()
    {
        var publisher = fixture.Silo.Services.GetRequiredService<TrafficPublisher>();
        var node = $"order-{Guid.NewGuid():N}";
        var received = new List<Payload>();
        var both = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var subscription = await fixture.Session.OnPipelinePayloadAsync(node, "p", p =>
        {
            lock (received)
            {
                received.Add(p);
                if (received.Count == 2)
                {
                    both.TrySetResult();
                }
            }

            return Task.CompletedTask;
        });

        // Two threads of one instance: the first took its number, the second took the next and queued first.
        var first = publisher.Envelope(node, "p", "ECHO_01", "e1");
        var second = publisher.Envelope(node, "p", "ECHO_01", "e1");
        publisher.Publish(new Payload(second, ConfigMap.Empty.SetItem("N", ConfigValue.FromNumber(2))));
        publisher.Publish(new Payload(first, ConfigMap.Empty.SetItem("N", ConfigValue.FromNumber(1))));

        await both.Task.WaitAsync(TimeSpan.FromSeconds(20));
        Assert.Equal([2.0, 1.0], received.Select(p => p.Data["N"].AsDouble()));
        Assert.True(received[1].Envelope.Sequence > received[0].Envelope.Sequence, "the late one carries a number above the one before it");
        Assert.Equal(first.MessageId, received[1].Envelope.MessageId);
    }
}
