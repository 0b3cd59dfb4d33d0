using Ratio1.Orleans.Contracts.Messages;
using Ratio1.Orleans.Tests.Infrastructure;

namespace Ratio1.Orleans.Tests.Capture;

/// <summary>The <c>ImageFolder</c> source on a real silo, on images made by ffmpeg, echoed back by <c>ECHO_01</c>.</summary>
[Collection(SiloCollection.Name)]
public sealed class ImageFolderCaptureTests(SiloFixture fixture) : IDisposable
{
    private readonly TestMedia _media = new();

    public void Dispose() => _media.Dispose();

    [Fact]
    public async Task Images_arrive_within_seconds_of_deploying()
    {
        await _media.ImageAsync("a.png", 16, 12);
        await using var pipeline = await CapturePipeline.DeployAsync(fixture, "ImageFolder", new Dictionary<string, object?> { ["URL"] = _media.Folder, ["CAP_RESOLUTION"] = 20 });

        var frames = await pipeline.WaitForFramesAsync(1, within: TimeSpan.FromSeconds(5));

        Assert.Equal(("a.png", _media.Folder), (frames[0].Text("FILE"), frames[0].Text("URL")));
    }

    [Fact]
    public async Task Each_image_arrives_once_in_name_order_with_its_own_size()
    {
        await _media.ImageAsync("c.bmp", 40, 30);
        await _media.ImageAsync("a.jpg", 16, 12);
        await _media.ImageAsync("d.webp", 20, 10);
        await _media.ImageAsync("b.PNG", 32, 24);
        await _media.ImageAsync("nested/e.png", 8, 8);
        _media.WriteText("notes.txt", "not an image");
        await using var pipeline = await CapturePipeline.DeployAsync(fixture, "ImageFolder", new Dictionary<string, object?> { ["URL"] = _media.Folder, ["CAP_RESOLUTION"] = 20 });

        await pipeline.WaitForNotificationAsync(NotificationCode.PipelineDataOk);
        var frames = await pipeline.WaitForFramesAsync(4);

        Assert.Equal([("a.jpg", 16, 12, 0L), ("b.PNG", 32, 24, 1L), ("c.bmp", 40, 30, 2L), ("d.webp", 20, 10, 3L)],
            frames.Select(f => (f.Text("FILE"), f.Width, f.Height, f.Index)));
    }

    [Fact]
    public async Task REPLAY_starts_over_after_the_last_image()
    {
        await _media.ImageAsync("a.png", 16, 12);
        await _media.ImageAsync("b.png", 16, 12);
        await using var pipeline = await CapturePipeline.DeployAsync(fixture, "ImageFolder",
            new Dictionary<string, object?> { ["URL"] = _media.Folder, ["CAP_RESOLUTION"] = 20, ["REPLAY"] = true });

        var frames = await pipeline.WaitForFramesAsync(5);

        Assert.Equal(["a.png", "b.png", "a.png", "b.png", "a.png"], frames.Take(5).Select(f => f.Text("FILE")));
        Assert.Equal([0L, 0L, 1L, 1L, 2L], frames.Take(5).Select(f => f.Number("PASS")));
    }

    [Fact]
    public async Task A_missing_folder_fails_the_pipeline_naming_the_URL()
    {
        var missing = _media.PathOf("no-such-folder");
        await using var pipeline = await CapturePipeline.DeployAsync(fixture, "ImageFolder", new Dictionary<string, object?> { ["URL"] = missing, ["RECONNECTABLE"] = "NO" });

        var failure = await pipeline.WaitForNotificationAsync(NotificationCode.PipelineFailed, within: TimeSpan.FromSeconds(5));

        Assert.Contains($"ImageFolder URL '{missing}' is not an existing folder", failure.Message);
    }

    [Fact]
    public async Task An_image_ffmpeg_cannot_decode_fails_the_pipeline_naming_the_file()
    {
        await _media.ImageAsync("a.png", 16, 12);
        var broken = _media.WriteText("b.png", "not really a png");
        await using var pipeline = await CapturePipeline.DeployAsync(fixture, "ImageFolder",
            new Dictionary<string, object?> { ["URL"] = _media.Folder, ["CAP_RESOLUTION"] = 20, ["RECONNECTABLE"] = "NO" });

        var failure = await pipeline.WaitForNotificationAsync(NotificationCode.PipelineFailed, within: TimeSpan.FromSeconds(5));

        Assert.Contains($"'{broken}'", failure.Message);
        Assert.Equal(["a.png"], pipeline.Frames.Select(f => f.Text("FILE")));
    }
}
