using System.Text.Json;
using Ratio1.Orleans.Edge.Capture;

namespace Ratio1.Orleans.Tests.Capture;

/// <summary>What ffmpeg decodes reaches plugins as packed RGB24, row by row.</summary>
public sealed class DecodedPixelTests : IDisposable
{
    private readonly TestMedia _media = new();

    public void Dispose() => _media.Dispose();

    [Fact]
    public async Task An_image_arrives_as_packed_RGB_pixels_row_by_row()
    {
        // 3 × 2: red, green, blue over white, black, grey.
        byte[] pixels = [255, 0, 0, 0, 255, 0, 0, 0, 255, 255, 255, 255, 0, 0, 0, 128, 128, 128];
        await _media.ImageOfPixelsAsync("pixels.png", 3, 2, pixels);
        var context = new RecordingCaptureContext(JsonSerializer.Serialize(new { NAME = "pixels", TYPE = "ImageFolder", URL = _media.Folder, CAP_RESOLUTION = 50 }));

        await new ImageFolderCapture().StartAsync(context, CancellationToken.None);

        var image = Assert.Single(context.Items).Image!;
        Assert.Equal((3, 2), (image.Width, image.Height));
        Assert.Equal(pixels, image.Rgb24.ToArray());
        Assert.Equal(((byte)0, (byte)0, (byte)255), image.Pixel(2, 0));
    }
}
