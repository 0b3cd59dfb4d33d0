using Ratio1.Orleans.Client;
using Ratio1.Orleans.Contracts.Errors;
using Ratio1.Orleans.Contracts.Messages;
using Ratio1.Orleans.Tests.Infrastructure;

namespace Ratio1.Orleans.Tests.Capture;

/// <summary>
/// A pipeline of a capture <c>TYPE</c> with one <c>ECHO_01</c> instance that echoes every frame (a deep input queue,
/// no process delay), deployed on the fixture's node. The frames echoed and the pipeline's notifications are recorded
/// from before the deploy; disposing deletes the pipeline, which stops its source.
/// </summary>
public sealed class CapturePipeline : IAsyncDisposable
{
    private static readonly TimeSpan DefaultWait = TimeSpan.FromSeconds(20);

    private readonly SiloFixture _fixture;
    private readonly List<EchoedFrame> _frames = [];
    private readonly List<Notification> _notifications = [];
    private readonly Lock _lock = new();
    private IAsyncDisposable? _payloadSubscription;
    private IAsyncDisposable? _notificationSubscription;

    private CapturePipeline(SiloFixture fixture, string name)
    {
        _fixture = fixture;
        Name = name;
    }

    public string Name { get; }

    public IReadOnlyList<EchoedFrame> Frames
    {
        get
        {
            lock (_lock)
            {
                return [.. _frames];
            }
        }
    }

    public IReadOnlyList<Notification> Notifications
    {
        get
        {
            lock (_lock)
            {
                return [.. _notifications];
            }
        }
    }

    /// <summary>
    /// Subscribes, then deploys (returning once the node confirmed the instance's config, or once the source failed: a
    /// test of a failing source reads the failure from <see cref="Notifications"/>).
    /// </summary>
    public static async Task<CapturePipeline> DeployAsync(SiloFixture fixture, string type, IReadOnlyDictionary<string, object?> captureKeys)
    {
        var capture = new CapturePipeline(fixture, SiloFixture.UniqueName(type.ToLowerInvariant()));
        capture._payloadSubscription = await fixture.Session.OnPipelinePayloadAsync(SiloFixture.NodeId, capture.Name, capture.OnPayload);
        capture._notificationSubscription = await fixture.Session.OnNodeNotificationAsync(SiloFixture.NodeId, capture.OnNotification);
        var pipeline = fixture.Session.CreatePipeline(SiloFixture.NodeId, capture.Name, type, captureKeys.ToDictionary());
        pipeline.CreatePluginInstance("ECHO_01", "echo", new Dictionary<string, object?> { ["PROCESS_DELAY"] = 0, ["MAX_INPUTS_QUEUE_SIZE"] = 512 });
        try
        {
            await pipeline.DeployAsync();
        }
        catch (DeployNotConfirmedException e) when (e.Failures.All(f => f.Code == NotificationCode.PipelineFailed))
        {
            // The source failed before the instance confirmed: the deploy stands, and the failure is in Notifications
            // (recorded from before the deploy) for the test to judge.
        }
        catch
        {
            await capture.DisposeAsync();
            throw;
        }

        return capture;
    }

    /// <summary>Waits until <paramref name="count"/> frames have been echoed; fails with what did arrive.</summary>
    public Task<IReadOnlyList<EchoedFrame>> WaitForFramesAsync(int count, TimeSpan? within = null) =>
        WaitForFramesAsync(frames => frames.Count >= count, $"{count} frames", within);

    /// <summary>Waits until the frames echoed so far satisfy <paramref name="condition"/>; returns them.</summary>
    public Task<IReadOnlyList<EchoedFrame>> WaitForFramesAsync(Func<IReadOnlyList<EchoedFrame>, bool> condition, string what, TimeSpan? within = null) =>
        WaitForAsync(() => Frames is { } frames && condition(frames) ? frames : null, within, what);

    /// <summary>Waits for a notification of this pipeline with <paramref name="code"/> (and <paramref name="containing"/> in its message).</summary>
    public Task<Notification> WaitForNotificationAsync(NotificationCode code, string containing = "", TimeSpan? within = null) =>
        WaitForAsync(() => Notifications.FirstOrDefault(n => n.Code == code && n.Message.Contains(containing, StringComparison.Ordinal)), within,
            $"a {code} notification containing '{containing}'");

    public async ValueTask DisposeAsync()
    {
        try
        {
            await _fixture.Session.DeletePipelineAsync(SiloFixture.NodeId, Name);
        }
        catch (PipelineNotFoundException)
        {
            // The deploy never happened.
        }

        if (_payloadSubscription is not null)
        {
            await _payloadSubscription.DisposeAsync();
        }

        if (_notificationSubscription is not null)
        {
            await _notificationSubscription.DisposeAsync();
        }
    }

    // Polls with a deadline: the recorded lists are filled by the subscription threads.
    private async Task<T> WaitForAsync<T>(Func<T?> found, TimeSpan? within, string what) where T : class
    {
        var deadline = DateTimeOffset.UtcNow + (within ?? DefaultWait);
        while (true)
        {
            if (found() is { } result)
            {
                return result;
            }

            if (DateTimeOffset.UtcNow > deadline)
            {
                Assert.Fail($"Pipeline {Name}: waited {(within ?? DefaultWait).TotalSeconds:0.#} s for {what}; got {Frames.Count} frames and notifications: "
                    + string.Join("; ", Notifications.Select(n => $"{n.Code}: {n.Message}")));
            }

            await Task.Delay(25);
        }
    }

    private Task OnPayload(Payload payload)
    {
        if (EchoedFrame.From(payload) is { } frame)
        {
            lock (_lock)
            {
                _frames.Add(frame);
            }
        }

        return Task.CompletedTask;
    }

    private Task OnNotification(Notification notification)
    {
        if (notification.Envelope.Pipeline == Name)
        {
            lock (_lock)
            {
                _notifications.Add(notification);
            }
        }

        return Task.CompletedTask;
    }
}
