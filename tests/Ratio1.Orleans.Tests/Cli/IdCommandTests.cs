using System.Diagnostics;
using Ratio1.Orleans.Cli;
using Ratio1.Orleans.Contracts.Security;

namespace Ratio1.Orleans.Tests.Cli;

/// <summary><c>r1ctl id new|show|export-public</c>: the caller's identity, no cluster needed.</summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class IdCommandTests : IDisposable
{
    private readonly ScratchFiles _files = new();

    public void Dispose() => _files.Dispose();

    [Fact]
    public async Task Id_new_creates_a_private_key_file_and_prints_its_address()
    {
        var path = _files.PathOf("keys/me.pem");

        var result = await RunAsync("id", "new", "--identity", path);

        Assert.True(result.ExitCode == 0, result.ToString());
        using var identity = Ratio1Identity.Load(path);
        Assert.Contains($"address:  {identity.Address}", result.Stdout, StringComparison.Ordinal);
        Assert.Contains($"short:    {identity.ShortAddress}", result.Stdout, StringComparison.Ordinal);
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(path));
        Assert.DoesNotContain("PRIVATE", result.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Id_new_refuses_to_replace_an_identity_without_force()
    {
        var path = _files.PathOf("me.pem");
        await RunAsync("id", "new", "--identity", path);
        var before = File.ReadAllText(path);

        var refused = await RunAsync("id", "new", "--identity", path);
        var forced = await RunAsync("id", "new", "--identity", path, "--force");

        Assert.Equal(2, refused.ExitCode);
        Assert.Contains($"an identity already exists at {path}", refused.Stderr, StringComparison.Ordinal);
        Assert.Contains("--force", refused.Stderr, StringComparison.Ordinal);
        Assert.True(forced.ExitCode == 0, forced.ToString());
        Assert.NotEqual(before, File.ReadAllText(path));
    }

    [Fact]
    public async Task Id_show_prints_the_address_short_form_and_file()
    {
        var path = _files.PathOf("me.pem");
        using var identity = Ratio1Identity.LoadOrCreate(path);

        var result = await RunAsync("id", "show", "--identity", path, "--json");

        Assert.True(result.ExitCode == 0, result.ToString());
        var json = result.StdoutJson();
        Assert.Equal(identity.Address, json.GetProperty("address").GetString());
        Assert.Equal(identity.ShortAddress, json.GetProperty("short").GetString());
        Assert.Equal(path, json.GetProperty("source").GetString());
    }

    [Fact]
    public async Task Id_show_without_an_identity_says_how_to_make_one_with_exit_3()
    {
        var path = _files.PathOf("none.pem");

        var result = await RunAsync("id", "show", "--identity", path);

        Assert.Equal(3, result.ExitCode);
        Assert.Contains($"no identity at {path}", result.Stderr, StringComparison.Ordinal);
        Assert.Contains("r1ctl id new", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Id_show_of_a_file_that_is_not_a_key_names_the_file_with_exit_2()
    {
        var path = _files.Write("bad.pem", "not a key");

        var result = await RunAsync("id", "show", "--identity", path);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains(path, result.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("not a key", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Id_export_public_prints_the_address_or_the_public_key_pem()
    {
        var path = _files.PathOf("me.pem");
        using var identity = Ratio1Identity.LoadOrCreate(path);

        var address = await RunAsync("id", "export-public", "--identity", path);
        var pem = await RunAsync("id", "export-public", "--identity", path, "--pem");

        Assert.Equal(identity.Address + "\n", address.Stdout.Replace("\r\n", "\n"));
        Assert.StartsWith("-----BEGIN PUBLIC KEY-----", pem.Stdout, StringComparison.Ordinal);
        Assert.DoesNotContain("PRIVATE", pem.Stdout, StringComparison.Ordinal);
        using var ecdsa = System.Security.Cryptography.ECDsa.Create();
        ecdsa.ImportFromPem(pem.Stdout);
        Assert.Equal(identity.PublicKey[1..], ecdsa.ExportParameters(false).Q.X);
    }

    [Fact]
    public async Task The_identity_comes_from_the_environment_or_the_home_folder_in_the_executable()
    {
        using var identity = Ratio1Identity.Create();
        var home = _files.PathOf("home");
        Directory.CreateDirectory(home);

        var fromPem = await RunProcessAsync(new() { ["R1_IDENTITY_PEM"] = identity.ExportPem(), ["HOME"] = home }, "id", "show");
        var created = await RunProcessAsync(new() { ["HOME"] = home }, "id", "new");
        var shown = await RunProcessAsync(new() { ["HOME"] = home }, "id", "export-public");
        var both = await RunProcessAsync(new() { ["R1_IDENTITY_PEM"] = "x", ["R1_IDENTITY_FILE"] = "y", ["HOME"] = home }, "id", "show");

        Assert.True(fromPem.ExitCode == 0, fromPem.ToString());
        Assert.Contains(identity.Address, fromPem.Stdout, StringComparison.Ordinal);
        Assert.Contains("$R1_IDENTITY_PEM", fromPem.Stdout, StringComparison.Ordinal);
        var defaultFile = Path.Combine(home, ".ratio1", "identity.pem");
        Assert.True(created.ExitCode == 0, created.ToString());
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(Path.GetDirectoryName(defaultFile)!));
        using var stored = Ratio1Identity.Load(defaultFile);
        Assert.Equal(stored.Address, shown.Stdout.Trim());
        Assert.Equal(2, both.ExitCode);
        Assert.Contains("both R1_IDENTITY_FILE and R1_IDENTITY_PEM", both.Stderr, StringComparison.Ordinal);
    }

    private static async Task<CliResult> RunAsync(params string[] args)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var exitCode = await CliApplication.RunAsync(args, new StringReader(string.Empty), stdout, stderr, timeout.Token);
        return new CliResult(exitCode, stdout.ToString(), stderr.ToString());
    }

    private static async Task<CliResult> RunProcessAsync(Dictionary<string, string> environment, params string[] args)
    {
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host ? host : "dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "r1ctl-app", "r1ctl.dll"));
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        start.Environment.Remove("R1_IDENTITY_FILE");
        start.Environment.Remove("R1_IDENTITY_PEM");
        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var expiry = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await process.WaitForExitAsync(expiry.Token);
        return new CliResult(process.ExitCode, await stdout, await stderr);
    }
}
