using Ratio1.Orleans.Contracts.Errors;
using Ratio1.Orleans.Contracts.Messages;
using Ratio1.Orleans.Tests.Infrastructure;

namespace Ratio1.Orleans.Tests.Capture;

/// <summary>The <c>VideoFile</c> source on a real silo, decoding clips made by ffmpeg, echoed back by <c>ECHO_01</c>.</summary>
[Collection(SiloCollection.Name)]
public sealed class VideoFileCaptureTests(SiloFixture fixture) : IDisposable
{
    private readonly TestMedia _media = new();

    public void Dispose() => _media.Dispose();

    [Fact]
    public async Task Frames_arrive_within_seconds_of_deploying()
    {
        var clip = await _media.ClipAsync("clip.mp4", seconds: 1, width: 64, height: 48, rate: 10);
        await using var pipeline = await CapturePipeline.DeployAsync(fixture, "VideoFile", new Dictionary<string, object?> { ["URL"] = clip, ["CAP_RESOLUTION"] = 10 });

        var frames = await pipeline.WaitForFramesAsync(1, within: TimeSpan.FromSeconds(5));

        Assert.Equal(clip, frames[0].Text("URL"));
    }

    [Fact]
    public async Task The_clip_is_delivered_frame_by_frame_at_CAP_RESOLUTION_then_the_source_reports_its_data_done()
    {
        // 2 s of 25 fps video taken at 10 frames per second: 20 frames.
        var clip = await _media.ClipAsync("clip.mp4", seconds: 2, width: 64, height: 48, rate: 25);
        await using var pipeline = await CapturePipeline.DeployAsync(fixture, "VideoFile", new Dictionary<string, object?> { ["URL"] = clip, ["CAP_RESOLUTION"] = 10 });

        await pipeline.WaitForNotificationAsync(NotificationCode.PipelineDataOk);
        var frames = await pipeline.WaitForFramesAsync(19);

        Assert.InRange(frames.Count, 19, 21);
        Assert.Equal(Enumerable.Range(0, frames.Count).Select(i => (long)i), frames.Select(f => f.Index));
        Assert.Equal(frames.Select(f => f.Index), frames.Select(f => f.Number("FRAME")));
        Assert.All(frames, f => Assert.Equal((64, 48), (f.Width, f.Height)));
        // Paced in real time: 20 frames at 10 per second take about 2 s, not the milliseconds decoding takes.
        Assert.InRange(frames[^1].CapturedAt - frames[0].CapturedAt, TimeSpan.FromSeconds(1.6), TimeSpan.FromSeconds(10));
    }

    [Fact]
    public async Task RESIZE_WIDTH_scales_frames_keeping_the_aspect_ratio()
    {
        var clip = await _media.ClipAsync("clip.mp4", seconds: 1, width: 64, height: 48, rate: 10);
        await using var pipeline = await CapturePipeline.DeployAsync(fixture, "VideoFile",
            new Dictionary<string, object?> { ["URL"] = clip, ["CAP_RESOLUTION"] = 10, ["RESIZE_WIDTH"] = 32 });

        var frames = await pipeline.WaitForFramesAsync(1);

        Assert.Equal((32, 24), (frames[0].Width, frames[0].Height));
    }

    [Fact]
    public async Task REPLAY_starts_the_file_over_at_its_end()
    {
        // 0.5 s at 10 frames per second: 5 frames a pass.
        var clip = await _media.ClipAsync("clip.mp4", seconds: 0.5, width: 64, height: 48, rate: 10);
        await using var pipeline = await CapturePipeline.DeployAsync(fixture, "VideoFile",
            new Dictionary<string, object?> { ["URL"] = clip, ["CAP_RESOLUTION"] = 10, ["REPLAY"] = true });

        var frames = await pipeline.WaitForFramesAsync(f => f.Any(x => x.Number("PASS") == 1 && x.Index == 1), "the second frame of the second pass");

        var first = frames.TakeWhile(f => f.Number("PASS") == 0).ToList();
        Assert.InRange(first.Count, 4, 6);
        Assert.Equal(Enumerable.Range(0, first.Count).Select(i => (long)i), first.Select(f => f.Index));
        Assert.Equal([(1L, 0L), (1L, 1L)], frames.Skip(first.Count).Take(2).Select(f => (f.Number("PASS"), f.Index)));
    }

    [Fact]
    public async Task A_missing_file_fails_the_pipeline_naming_the_URL()
    {
        var missing = _media.PathOf("no-such-clip.mp4");
        await using var pipeline = await CapturePipeline.DeployAsync(fixture, "VideoFile",
            new Dictionary<string, object?> { ["URL"] = missing, ["CAP_RESOLUTION"] = 10, ["RECONNECTABLE"] = "NO" });

        var failure = await pipeline.WaitForNotificationAsync(NotificationCode.PipelineFailed, within: TimeSpan.FromSeconds(5));

        Assert.Contains($"VideoFile URL '{missing}' does not exist", failure.Message);
        Assert.Empty(pipeline.Frames);
    }

    [Fact]
    public async Task A_file_ffmpeg_cannot_decode_fails_the_pipeline_with_ffmpegs_reason()
    {
        var notVideo = _media.WriteText("notes.mp4", "this is not a video");
        await using var pipeline = await CapturePipeline.DeployAsync(fixture, "VideoFile",
            new Dictionary<string, object?> { ["URL"] = notVideo, ["CAP_RESOLUTION"] = 10, ["RECONNECTABLE"] = "NO" });

        var failure = await pipeline.WaitForNotificationAsync(NotificationCode.PipelineFailed, within: TimeSpan.FromSeconds(5));

        Assert.Contains($"ffmpeg could not open '{notVideo}'", failure.Message);
        Assert.Contains("Invalid data found when processing input", failure.Message);
    }

    [Fact]
    public async Task A_bad_RESIZE_WIDTH_is_refused_at_deploy_naming_the_key_and_value_and_nothing_is_stored()
    {
        var clip = await _media.ClipAsync("clip.mp4", seconds: 1, width: 64, height: 48, rate: 10);
        var name = SiloFixture.UniqueName("videofile");
        var pipeline = fixture.Session.CreatePipeline(SiloFixture.NodeId, name, "VideoFile", new Dictionary<string, object?> { ["URL"] = clip, ["RESIZE_WIDTH"] = "wide" });
        pipeline.CreatePluginInstance("ECHO_01", "echo");

        var error = await Assert.ThrowsAsync<InvalidConfigException>(() => pipeline.DeployAsync());

        var problem = Assert.Single(error.Errors);
        Assert.Equal(("RESIZE_WIDTH", "\"wide\""), (problem.Field, problem.Value));
        Assert.Contains("expected an integer or null but found a string", problem.Reason);
        await Assert.ThrowsAsync<PipelineNotFoundException>(() => fixture.Session.GetPipelineAsync(SiloFixture.NodeId, name));
    }

    [Fact]
    public async Task Deleting_the_pipeline_stops_its_ffmpeg_process()
    {
        // Long enough that ffmpeg is still decoding when the pipeline goes.
        var clip = await _media.ClipAsync("long.mp4", seconds: 30, width: 64, height: 48, rate: 10);
        var pipeline = await CapturePipeline.DeployAsync(fixture, "VideoFile", new Dictionary<string, object?> { ["URL"] = clip, ["CAP_RESOLUTION"] = 10 });
        await pipeline.WaitForFramesAsync(2);
        Assert.NotEmpty(FfmpegProcesses.Reading(clip));

        await pipeline.DisposeAsync();

        // An exited ffmpeg (this test's, or another running test's) is a zombie until the runtime reaps it, which takes
        // a moment on a loaded machine: wait for that too, and fail only on one that is never reaped.
        var deadline = DateTimeOffset.UtcNow + TimeSpan.FromSeconds(10);
        while ((FfmpegProcesses.Reading(clip).Count > 0 || FfmpegProcesses.Zombies().Count > 0) && DateTimeOffset.UtcNow < deadline)
        {
            await Task.Delay(25);
        }

        Assert.Empty(FfmpegProcesses.Reading(clip));
        Assert.Empty(FfmpegProcesses.Zombies());
    }
}
