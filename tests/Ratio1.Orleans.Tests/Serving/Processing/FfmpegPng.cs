using System.Diagnostics;

namespace Ratio1.Orleans.Tests.Serving.Processing;

/// <summary>Decodes PNG files with the ffmpeg program, an independent decoder, into packed RGB24 pixels.</summary>
public static class FfmpegPng
{
    public static async Task<byte[]> DecodeAsync(byte[] png)
    {
        var path = Path.Combine(Path.GetTempPath(), $"r1-witness-{Guid.NewGuid():N}.png");
        await File.WriteAllBytesAsync(path, png);
        try
        {
            var start = new ProcessStartInfo("ffmpeg")
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            foreach (var argument in new[] { "-v", "error", "-i", path, "-f", "rawvideo", "-pix_fmt", "rgb24", "-" })
            {
                start.ArgumentList.Add(argument);
            }

            using var ffmpeg = Process.Start(start)!;
            using var pixels = new MemoryStream();
            var errors = ffmpeg.StandardError.ReadToEndAsync();
            await ffmpeg.StandardOutput.BaseStream.CopyToAsync(pixels);
            await ffmpeg.WaitForExitAsync();
            Assert.True(ffmpeg.ExitCode == 0, $"ffmpeg could not decode the PNG: {await errors}");
            Assert.Equal(string.Empty, await errors);
            return pixels.ToArray();
        }
        finally
        {
            File.Delete(path);
        }
    }
}
