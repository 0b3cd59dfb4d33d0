using System.Diagnostics;
using Ratio1.Orleans.Tests.Cli;
using Ratio1.Orleans.Tests.Infrastructure;

namespace Ratio1.Orleans.Tests.TestCommand;

/// <summary>
/// A PATH of its own for <c>./test.sh</c>: links to just the shell tools it uses, and stand-ins that record their
/// calls for <c>dotnet</c> (so a run that gets as far as building starts no nested suite) and, when a test adds them,
/// for <c>ffmpeg</c>, <c>apt-get</c> and <c>sudo</c>. Whatever is not added is hidden.
/// </summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class ToolPath : IDisposable
{
    private static readonly string[] ShellTools = ["bash", "env", "dirname", "id", "cut", "tr", "sed", "mktemp", "rm", "tee", "grep", "head", "chmod"];

    private readonly string _bash;

    public ToolPath()
    {
        Folder = Directory.CreateTempSubdirectory("r1-toolpath-").FullName;
        foreach (var tool in ShellTools)
        {
            File.CreateSymbolicLink(Path.Combine(Folder, tool), Locate(tool));
        }

        _bash = Locate("bash");
        AddStandIn("dotnet", """echo "$*" >> "$0.calls"; exit 3""");
    }

    public string Folder { get; }

    /// <summary>The arguments of each call of the stand-in <paramref name="tool"/>, one line per call.</summary>
    public string Calls(string tool) => File.Exists(Path.Combine(Folder, tool + ".calls")) ? File.ReadAllText(Path.Combine(Folder, tool + ".calls")) : "";

    /// <summary>Adds an executable <paramref name="tool"/> running <paramref name="script"/> with bash (<c>$0</c> is its own path).</summary>
    public void AddStandIn(string tool, string script)
    {
        var path = Path.Combine(Folder, tool);
        File.WriteAllText(path, $"#!{_bash}\n{script}\n");
        File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
    }

    /// <summary>Runs the repository's <c>test.sh</c> with only this folder on the PATH, setting (or, for null, removing) the given variables.</summary>
    public async Task<CliResult> RunTestCommandAsync(IReadOnlyDictionary<string, string?> environment, params string[] args)
    {
        var start = new ProcessStartInfo(_bash) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(Path.Combine(RepositoryFolder.Root, "test.sh"));
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        start.Environment["PATH"] = Folder;
        foreach (var (name, value) in environment)
        {
            if (value is null)
            {
                start.Environment.Remove(name);
            }
            else
            {
                start.Environment[name] = value;
            }
        }

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(60));
        return new CliResult(process.ExitCode, await stdout, await stderr);
    }

    public void Dispose() => Directory.Delete(Folder, recursive: true);

    private static string Locate(string tool) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "/usr/bin:/bin").Split(':', StringSplitOptions.RemoveEmptyEntries)
            .Select(folder => Path.Combine(folder, tool))
            .FirstOrDefault(File.Exists) ?? throw new InvalidOperationException($"{tool} is not on the PATH.");
}
