using Microsoft.Extensions.Configuration;
using Ratio1.Orleans.Silo.Hosting;
using Ratio1.Orleans.Storage.Hosting;
using Ratio1.Orleans.Testing;
using Ratio1.Orleans.Tests.Startup;

namespace Ratio1.Orleans.Tests.Security;

/// <summary>Connection strings come from a file or the environment, passwords never show, and the silo's data is its owner's alone.</summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class SecretsTests
{
    private const UnixFileMode OwnerOnlyFile = UnixFileMode.UserRead | UnixFileMode.UserWrite;
    private const UnixFileMode OwnerOnlyFolder = OwnerOnlyFile | UnixFileMode.UserExecute;

    [Fact]
    public async Task The_data_directory_is_created_0700_and_the_database_wal_and_shm_files_0600()
    {
        var parent = Directory.CreateTempSubdirectory("r1-modes-").FullName;
        var data = Path.Combine(parent, "data");
        try
        {
            await using (var silo = await TestSilo.StartAsync("edge-modes", data, extraArgs: ["--Node:ModelDirectories="]))
            {
                await using var session = await silo.ConnectAsync();
                await session.DeployPipelineJsonAsync(silo.NodeId, """{"NAME":"p","TYPE":"Void","PLUGINS":[{"SIGNATURE":"ECHO_01","INSTANCES":[{"INSTANCE_ID":"e1"}]}]}""");

                Assert.Equal(OwnerOnlyFolder, File.GetUnixFileMode(data));
                Assert.Equal(OwnerOnlyFile, File.GetUnixFileMode(Path.Combine(data, "ratio1.db")));
                Assert.Equal(OwnerOnlyFile, File.GetUnixFileMode(Path.Combine(data, "ratio1.db-wal")));
                Assert.Equal(OwnerOnlyFile, File.GetUnixFileMode(Path.Combine(data, "ratio1.db-shm")));
                Assert.Equal(OwnerOnlyFolder, File.GetUnixFileMode(Path.Combine(data, "models")));
            }
        }
        finally
        {
            Directory.Delete(parent, recursive: true);
        }
    }

    [Fact]
    public async Task A_database_file_others_could_read_is_narrowed_to_0600_at_start()
    {
        var data = Directory.CreateTempSubdirectory("r1-modes-").FullName;
        var file = Path.Combine(data, "ratio1.db");
        await File.WriteAllBytesAsync(file, []);
        File.SetUnixFileMode(file, OwnerOnlyFile | UnixFileMode.GroupRead | UnixFileMode.OtherRead);

        await using var silo = await TestSilo.StartAsync("edge-narrowed", data);

        Assert.Equal(OwnerOnlyFile, File.GetUnixFileMode(file));
        Directory.Delete(data, recursive: true);
    }

    [Fact]
    public async Task The_connection_string_is_read_from_a_file()
    {
        var folder = Directory.CreateTempSubdirectory("r1-secret-").FullName;
        var database = Path.Combine(folder, "elsewhere.db");
        var secret = Path.Combine(folder, "connection");
        await File.WriteAllTextAsync(secret, $"Data Source={database}\n");

        await using (var silo = await TestSilo.StartAsync("edge-secret-file", extraArgs: ["--connection-string-file", secret]))
        {
            await using var session = await silo.ConnectAsync();
            await session.DeployPipelineJsonAsync(silo.NodeId, """{"NAME":"p","TYPE":"Void","PLUGINS":[{"SIGNATURE":"ECHO_01","INSTANCES":[{"INSTANCE_ID":"e1"}]}]}""");
        }

        Assert.True(new FileInfo(database).Length > 0);
        Directory.Delete(folder, recursive: true);
    }

    [Fact]
    public void A_connection_string_both_given_and_in_a_file_is_refused()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Storage:ConnectionString"] = "Data Source=a.db",
            ["Storage:ConnectionStringFile"] = "/run/secrets/cs",
        }).Build();

        var error = Assert.Throws<ArgumentException>(() => StorageSection.Read(configuration));

        Assert.Contains("Storage:ConnectionStringFile", error.Message);
    }

    [Fact]
    public async Task A_failed_start_on_an_unreachable_database_never_shows_the_password_from_the_file()
    {
        var secret = Path.Combine(Directory.CreateTempSubdirectory("r1-secret-").FullName, "cs");
        await File.WriteAllTextAsync(secret, $"Host=127.0.0.1;Port={FreePorts.Next()};Username=ratio1;Password=Sup3r-S3cret;Database=ratio1;Timeout=2");

        var result = await SiloProgram.RunAsync("--storage", "postgres", "--connection-string-file", secret, "--node-id", "edge-secret",
            "--silo-port", FreePorts.Next().ToString(System.Globalization.CultureInfo.InvariantCulture),
            "--gateway-port", FreePorts.Next().ToString(System.Globalization.CultureInfo.InvariantCulture), "--http-urls", "http://127.0.0.1:0");

        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("cannot reach the database at 127.0.0.1", result.Stderr);
        Assert.DoesNotContain("Sup3r-S3cret", result.Stdout + result.Stderr);
    }

    [Fact]
    public async Task A_connection_string_on_the_command_line_gets_a_warning_naming_the_file_option()
    {
        var result = await SiloProgram.RunAsync("--storage", "postgres", "--connection-string", $"Host=127.0.0.1;Port={FreePorts.Next()};Username=u;Password=On-The-Cmdline;Timeout=2",
            "--node-id", "edge-cmdline", "--silo-port", FreePorts.Next().ToString(System.Globalization.CultureInfo.InvariantCulture),
            "--gateway-port", FreePorts.Next().ToString(System.Globalization.CultureInfo.InvariantCulture), "--http-urls", "http://127.0.0.1:0");

        Assert.Contains("--connection-string-file", result.Stdout + result.Stderr);
        Assert.DoesNotContain("On-The-Cmdline", result.Stdout + result.Stderr);
    }

    [Theory]
    [InlineData("Host=db;Password=abc;Username=u", "Host=db;Password=***;Username=u")]
    [InlineData("failed: host=db pwd = 'a b c'", "failed: host=db pwd=***")]
    [InlineData("PASSWORD=\"x;y\";Host=db", "PASSWORD=***;Host=db")]
    public void Passwords_in_text_are_masked(string text, string masked) => Assert.Equal(masked, SecretMask.Apply(text));
}
