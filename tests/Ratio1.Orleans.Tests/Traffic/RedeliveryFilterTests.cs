using Ratio1.Orleans.Contracts.Config;
using Ratio1.Orleans.Contracts.Messages;
using Ratio1.Orleans.Contracts.Streams;

namespace Ratio1.Orleans.Tests.Traffic;

/// <summary>The rule a subscriber's tap applies to what a durable provider delivers: each message once, in order per instance.</summary>
public sealed class RedeliveryFilterTests
{
    [Fact]
    public void A_message_delivered_again_is_skipped_and_counted()
    {
        var filter = new RedeliveryFilter();
        var first = Envelope("e1", 10);

        Assert.True(filter.Admit(first));
        Assert.False(filter.Admit(first));
        Assert.Equal(1, filter.Skipped);
    }

    [Fact]
    public void An_older_message_of_an_instance_after_a_newer_one_is_skipped()
    {
        var filter = new RedeliveryFilter();

        Assert.True(filter.Admit(Envelope("e1", 10)));
        Assert.True(filter.Admit(Envelope("e1", 12)));
        Assert.False(filter.Admit(Envelope("e1", 11)));
        Assert.True(filter.Admit(Envelope("e1", 13)));
    }

    [Fact]
    public void Instances_are_numbered_apart_so_one_does_not_hold_back_another()
    {
        var filter = new RedeliveryFilter();

        Assert.True(filter.Admit(Envelope("e1", 20)));
        Assert.True(filter.Admit(Envelope("e2", 5)));
        Assert.True(filter.Admit(Envelope("e1", 21, pipeline: "other")));
        Assert.True(filter.Admit(new MessageEnvelope("another-node", "p", "ECHO_01", "e1", 1, DateTimeOffset.UtcNow, Guid.NewGuid())));
        Assert.Equal(0, filter.Skipped);
    }

    [Fact]
    public void Messages_without_a_pipeline_or_instance_are_filtered_per_node()
    {
        var filter = new RedeliveryFilter();
        var heartbeat = new MessageEnvelope("node-a", null, null, null, 7, DateTimeOffset.UtcNow, Guid.NewGuid());

        Assert.True(filter.Admit(heartbeat));
        Assert.False(filter.Admit(heartbeat with { MessageId = Guid.NewGuid() }));
        Assert.True(filter.Admit(heartbeat with { Sequence = 8 }));
        Assert.True(filter.Admit(null));
    }

    [Fact]
    public void Memory_stays_bounded_by_forgetting_the_paths_seen_least_recently()
    {
        var filter = new RedeliveryFilter(capacity: 100);
        filter.Admit(Envelope("kept", 1));

        for (var i = 0; i < 1_000; i++)
        {
            filter.Admit(Envelope($"e{i}", i + 1));
            filter.Admit(Envelope("kept", 1));
        }

        Assert.InRange(filter.Paths, 1, 100);
        Assert.False(filter.Admit(Envelope("kept", 1)));
        Assert.True(filter.Admit(Envelope("e0", 1)));
    }

    [Fact]
    public void The_envelope_of_each_kind_of_traffic_message_is_found()
    {
        var envelope = Envelope("e1", 1);

        Assert.Same(envelope, RedeliveryFilter.EnvelopeOf(new Payload(envelope, ConfigMap.Empty)));
        Assert.Same(envelope, RedeliveryFilter.EnvelopeOf(new Notification(envelope, NotificationType.Normal, NotificationCode.PipelineOk, "ok")));
        Assert.Null(RedeliveryFilter.EnvelopeOf("not a message"));
    }

    private static MessageEnvelope Envelope(string instance, long sequence, string pipeline = "p") =>
        new("node-a", pipeline, "ECHO_01", instance, sequence, DateTimeOffset.UtcNow, Guid.NewGuid());
}
