using System.Net;
using System.Net.Sockets;
using Ratio1.Orleans.Contracts.Messages;
using Ratio1.Orleans.Tests.Infrastructure;

namespace Ratio1.Orleans.Tests.Capture;

/// <summary>The <c>VideoStream</c> source on a real silo; a local clip stands in for a camera (ffmpeg plays it in real time).</summary>
[Collection(SiloCollection.Name)]
public sealed class VideoStreamCaptureTests(SiloFixture fixture) : IDisposable
{
    private readonly TestMedia _media = new();

    public void Dispose() => _media.Dispose();

    [Fact]
    public async Task Frames_arrive_within_seconds_of_deploying()
    {
        var clip = await _media.ClipAsync("cam.mp4", seconds: 2, width: 64, height: 48, rate: 10);
        await using var pipeline = await CapturePipeline.DeployAsync(fixture, "VideoStream", new Dictionary<string, object?> { ["URL"] = clip, ["CAP_RESOLUTION"] = 10 });

        var frames = await pipeline.WaitForFramesAsync(1, within: TimeSpan.FromSeconds(5));

        Assert.Equal(clip, frames[0].Text("URL"));
        await pipeline.WaitForNotificationAsync(NotificationCode.PipelineOk);
    }

    [Fact]
    public async Task A_stream_is_delivered_frame_by_frame_at_CAP_RESOLUTION_as_it_plays()
    {
        var clip = await _media.ClipAsync("cam.mp4", seconds: 2, width: 64, height: 48, rate: 25);
        await using var pipeline = await CapturePipeline.DeployAsync(fixture, "VideoStream",
            new Dictionary<string, object?> { ["URL"] = clip, ["CAP_RESOLUTION"] = 10, ["RECONNECTABLE"] = "NO" });

        await pipeline.WaitForNotificationAsync(NotificationCode.PipelineFailed, containing: "ended after");
        var frames = await pipeline.WaitForFramesAsync(19);

        Assert.InRange(frames.Count, 19, 21);
        Assert.Equal(Enumerable.Range(0, frames.Count).Select(i => (long)i), frames.Select(f => f.Index));
        Assert.All(frames, f => Assert.Equal((64, 48), (f.Width, f.Height)));
        // Played in real time (ffmpeg -re), not decoded in one burst.
        Assert.InRange(frames[^1].CapturedAt - frames[0].CapturedAt, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(10));
    }

    [Fact]
    public async Task A_stream_that_ends_is_reconnected_as_RECONNECTABLE_says()
    {
        var clip = await _media.ClipAsync("cam.mp4", seconds: 0.5, width: 64, height: 48, rate: 10);
        await using var pipeline = await CapturePipeline.DeployAsync(fixture, "VideoStream", new Dictionary<string, object?>
        {
            ["URL"] = clip,
            ["CAP_RESOLUTION"] = 10,
            ["RECONNECTABLE"] = "YES",
            ["MAX_RETRIES"] = 1,
            ["SLEEP_TIME_ON_ERROR"] = 0,
        });

        await pipeline.WaitForNotificationAsync(NotificationCode.PipelineFailed, containing: "not reconnecting");

        var failures = pipeline.Notifications.Where(n => n.Code == NotificationCode.PipelineFailed).ToList();
        Assert.Equal(2, failures.Count);
        Assert.All(failures, f => Assert.Contains($"VideoStream URL '{clip}' ended after", f.Message));
        Assert.Contains("reconnecting in 0 s", failures[0].Message);
        var frames = await pipeline.WaitForFramesAsync(f => f.Count(x => x.Index == 0) >= 2, "the first frame of each connection");
        Assert.Equal(2, frames.Count(f => f.Index == 0));
    }

    [Fact]
    public async Task An_unreachable_stream_fails_with_ffmpegs_reason_naming_the_URL()
    {
        var url = $"http://127.0.0.1:{ClosedPort()}/live.ts";
        await using var pipeline = await CapturePipeline.DeployAsync(fixture, "VideoStream", new Dictionary<string, object?> { ["URL"] = url, ["RECONNECTABLE"] = "NO" });

        var failure = await pipeline.WaitForNotificationAsync(NotificationCode.PipelineFailed, within: TimeSpan.FromSeconds(10));

        Assert.Contains($"ffmpeg could not open '{url}'", failure.Message);
        Assert.Contains("Connection refused", failure.Message);
    }

    // A port nothing listens on: bound, read, released.
    private static int ClosedPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
