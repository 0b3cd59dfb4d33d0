using System.Text;

namespace Ratio1.Orleans.Tests.Capture;

/// <summary>The ffmpeg processes on this machine, read from /proc: to check that stopped sources leave none behind.</summary>
public static class FfmpegProcesses
{
    /// <summary>Ids of live ffmpeg processes whose command line mentions <paramref name="fragment"/> (e.g. a test's media path).</summary>
    public static IReadOnlyList<int> Reading(string fragment) =>
        [.. Processes().Where(p => p.Name == "ffmpeg" && p.State != 'Z' && p.CommandLine.Contains(fragment, StringComparison.Ordinal)).Select(p => p.Id)];

    /// <summary>Ids of ffmpeg children of this process that exited but were never reaped.</summary>
    public static IReadOnlyList<int> Zombies() =>
        [.. Processes().Where(p => p.Name == "ffmpeg" && p.State == 'Z' && p.ParentId == Environment.ProcessId).Select(p => p.Id)];

    private static IEnumerable<(int Id, string Name, char State, int ParentId, string CommandLine)> Processes()
    {
        foreach (var directory in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(directory), out var id))
            {
                continue;
            }

            string stat;
            string commandLine;
            try
            {
                stat = File.ReadAllText(Path.Combine(directory, "stat"));
                commandLine = Encoding.UTF8.GetString(File.ReadAllBytes(Path.Combine(directory, "cmdline"))).Replace('\0', ' ');
            }
            catch (IOException)
            {
                continue; // Exited while listed.
            }
            catch (UnauthorizedAccessException)
            {
                continue;
            }

            // "pid (comm) S ppid ...": comm may hold spaces and parentheses, so split at the last ')'.
            var open = stat.IndexOf('(', StringComparison.Ordinal);
            var close = stat.LastIndexOf(')');
            var fields = stat[(close + 2)..].Split(' ');
            yield return (id, stat[(open + 1)..close], fields[0][0], int.Parse(fields[1], System.Globalization.CultureInfo.InvariantCulture), commandLine);
        }
    }
}
