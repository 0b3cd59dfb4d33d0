using System.Diagnostics;
using System.Globalization;

namespace Ratio1.Orleans.Tests.Capture;

/// <summary>Videos and images made by ffmpeg at test time (no media is committed), in a temp folder deleted with the test.</summary>
public sealed class TestMedia : IDisposable
{
    private readonly DirectoryInfo _directory = Directory.CreateTempSubdirectory("r1-media-");

    public string Folder => _directory.FullName;

    /// <summary>A path in the media folder (nothing is created).</summary>
    public string PathOf(string name) => Path.Combine(Folder, name);

    /// <summary>An H.264 test pattern clip of <paramref name="seconds"/> at <paramref name="rate"/> frames per second.</summary>
    public Task<string> ClipAsync(string name, double seconds, int width, int height, int rate) =>
        MakeAsync(name, "-f", "lavfi", "-i", Invariant($"testsrc=duration={seconds}:size={width}x{height}:rate={rate}"), "-pix_fmt", "yuv420p");

    /// <summary>A still image of one <paramref name="color"/> (format from the extension of <paramref name="name"/>).</summary>
    public Task<string> ImageAsync(string name, int width, int height, string color = "blue") =>
        MakeAsync(name, "-f", "lavfi", "-i", Invariant($"color=c={color}:size={width}x{height}"), "-frames:v", "1");

    /// <summary>A lossless image holding exactly <paramref name="rgb24"/> (packed RGB, row by row).</summary>
    public async Task<string> ImageOfPixelsAsync(string name, int width, int height, byte[] rgb24)
    {
        var raw = PathOf(name + ".rgb");
        await File.WriteAllBytesAsync(raw, rgb24);
        var path = await MakeAsync(name, "-f", "rawvideo", "-pix_fmt", "rgb24", "-video_size", Invariant($"{width}x{height}"), "-i", raw, "-frames:v", "1");
        File.Delete(raw);
        return path;
    }

    public string WriteText(string name, string content)
    {
        var path = PathOf(name);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, content);
        return path;
    }

    public void Dispose()
    {
        try
        {
            _directory.Delete(recursive: true);
        }
        catch (IOException)
        {
            // Best effort: the OS cleans temp folders.
        }
    }

    private async Task<string> MakeAsync(string name, params string[] arguments)
    {
        var path = PathOf(name);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var start = new ProcessStartInfo("ffmpeg") { RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in (string[])["-hide_banner", "-nostdin", "-loglevel", "error", "-y", .. arguments, path])
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var errors = await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        Assert.True(process.ExitCode == 0, $"ffmpeg could not make {name} (install ffmpeg: apt-get install ffmpeg): {errors}");
        return path;
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
