using System.Diagnostics;
using System.Globalization;
using System.Text;
using Ratio1.Orleans.Cli.Failures;
using Ratio1.Orleans.Contracts.Serving;

namespace Ratio1.Orleans.Cli.Commands.Models;

/// <summary>Decodes an image file to RGB pixels with the <c>ffmpeg</c> program (as a binary PPM, whose header gives the size).</summary>
internal static class ImageFile
{
    public static async Task<InferenceImage> DecodeAsync(string path, CancellationToken cancellationToken)
    {
        if (!File.Exists(path))
        {
            throw new UsageException($"--image: no such file {path}.");
        }

        var start = new ProcessStartInfo("ffmpeg") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in new[] { "-v", "error", "-i", path, "-frames:v", "1", "-f", "image2pipe", "-vcodec", "ppm", "-pix_fmt", "rgb24", "-" })
        {
            start.ArgumentList.Add(argument);
        }

        Process process;
        try
        {
            process = Process.Start(start) ?? throw new UsageException("--image needs the ffmpeg program (apt-get install ffmpeg).");
        }
        catch (System.ComponentModel.Win32Exception)
        {
            throw new UsageException("--image needs the ffmpeg program (apt-get install ffmpeg).");
        }

        using (process)
        {
            using var output = new MemoryStream();
            var errors = process.StandardError.ReadToEndAsync(cancellationToken);
            try
            {
                await process.StandardOutput.BaseStream.CopyToAsync(output, cancellationToken);
                await process.WaitForExitAsync(cancellationToken);
            }
            catch (OperationCanceledException)
            {
                // Ctrl+C during a long decode: ffmpeg would otherwise outlive r1ctl.
                process.Kill(entireProcessTree: true);
                throw;
            }

            if (process.ExitCode != 0)
            {
                throw new UsageException($"--image: ffmpeg could not decode {path}: {(await errors).Trim()}");
            }

            return FromPpm(output.ToArray(), path);
        }
    }

    // P6 <width> <height> <maxval> then width*height*3 bytes.
    private static InferenceImage FromPpm(byte[] ppm, string path)
    {
        var fields = new List<string>();
        var position = 0;
        while (fields.Count < 4 && position < ppm.Length)
        {
            while (position < ppm.Length && char.IsWhiteSpace((char)ppm[position]))
            {
                position++;
            }

            var start = position;
            while (position < ppm.Length && !char.IsWhiteSpace((char)ppm[position]))
            {
                position++;
            }

            fields.Add(Encoding.ASCII.GetString(ppm, start, position - start));
        }

        position++;
        if (fields is not ["P6", var w, var h, "255"] || !int.TryParse(w, CultureInfo.InvariantCulture, out var width) || !int.TryParse(h, CultureInfo.InvariantCulture, out var height) ||
            ppm.Length - position < width * height * 3)
        {
            throw new UsageException($"--image: ffmpeg gave no 8-bit RGB picture for {path}.");
        }

        return new InferenceImage(width, height, ppm.AsSpan(position, width * height * 3).ToArray());
    }
}
