using Ratio1.Orleans.Silo.Hosting;
using Ratio1.Orleans.Testing;
using Ratio1.Orleans.Tests.Infrastructure;

namespace Ratio1.Orleans.Tests.Startup;

/// <summary>
/// A silo (or a <c>db</c> command) whose database cannot be used stops at once with one line on stderr that says what
/// failed and where, never the password, and an exit code per cause (<see cref="SiloExitCodes"/>).
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class DatabaseAtStartTests(PostgresFixture postgres) : IDisposable
{
    private const string Password = "s3cret-pw";
    private readonly DirectoryInfo _data = Directory.CreateTempSubdirectory("r1-start-");

    public void Dispose() => _data.Delete(recursive: true);

    [Fact]
    public async Task A_silo_started_with_a_wrong_password_says_so_in_one_line_and_exits_5()
    {
        var connectionString = await postgres.Server.CreatePasswordUserAsync("ratio1_start", Password);
        var wrong = connectionString.Replace(Password, "not-the-password", StringComparison.Ordinal);
        var database = new Npgsql.NpgsqlConnectionStringBuilder(connectionString).Database;

        var result = await SiloProgram.RunAsync([.. SiloArgs(), "--storage", "postgres", "--connection-string", wrong]);

        Assert.True(result.ExitCode == SiloExitCodes.DatabaseCredentialsRefused, result.ToString());
        Assert.Equal($"error: the database refused the credentials of user 'ratio1_start' at 127.0.0.1:{postgres.Server.Port} (database '{database}')", SingleLine(result.Stderr));
        Assert.DoesNotContain("not-the-password", result.Stdout + result.Stderr);
    }

    [Fact]
    public async Task A_silo_whose_database_is_unreachable_says_where_in_one_line_and_exits_4()
    {
        var port = FreePorts.Next();

        var result = await SiloProgram.RunAsync([.. SiloArgs(), "--storage", "postgres", "--connection-string", $"Host=127.0.0.1;Port={port};Username=ratio1;Password={Password};Database=ratio1"]);

        Assert.True(result.ExitCode == SiloExitCodes.DatabaseUnreachable, result.ToString());
        Assert.Equal($"error: cannot reach the database at 127.0.0.1:{port}: connection refused", SingleLine(result.Stderr));
        Assert.DoesNotContain(Password, result.Stdout + result.Stderr);
    }

    [Fact]
    public async Task A_silo_whose_SQLite_file_cannot_be_opened_names_the_file_in_one_line_and_exits_4()
    {
        // A folder where the database file should be: SQLite cannot open it (a permission test would pass as root).
        var file = Path.Combine(_data.FullName, "ratio1.db");
        Directory.CreateDirectory(file);

        var result = await SiloProgram.RunAsync(SiloArgs());

        Assert.True(result.ExitCode == SiloExitCodes.DatabaseUnreachable, result.ToString());
        Assert.Equal($"error: cannot open the SQLite database {file}: unable to open the database file", SingleLine(result.Stderr));
    }

    [Fact]
    public async Task Db_status_with_a_wrong_password_says_so_in_one_line_and_exits_5()
    {
        var connectionString = await postgres.Server.CreatePasswordUserAsync("ratio1_status", Password);
        var wrong = connectionString.Replace(Password, "not-the-password", StringComparison.Ordinal);

        var result = await SiloProgram.RunAsync("db", "status", "--storage", "postgres", "--connection-string", wrong);

        Assert.True(result.ExitCode == SiloExitCodes.DatabaseCredentialsRefused, result.ToString());
        Assert.StartsWith("error: the database refused the credentials of user 'ratio1_status' at 127.0.0.1:", SingleLine(result.Stderr));
        Assert.DoesNotContain("not-the-password", result.Stdout + result.Stderr);
    }

    private string[] SiloArgs() =>
    [
        "--node-id", "edge-start", "--data-dir", _data.FullName,
        "--silo-port", FreePorts.Next().ToString(System.Globalization.CultureInfo.InvariantCulture),
        "--gateway-port", FreePorts.Next().ToString(System.Globalization.CultureInfo.InvariantCulture),
        "--http-urls", "http://127.0.0.1:0",
    ];

    // One line and nothing else: no stack trace, no second message.
    private static string SingleLine(string stderr)
    {
        var lines = stderr.TrimEnd().Split('\n');
        Assert.True(lines.Length == 1, "expected one line on stderr:\n" + stderr);
        return lines[0].TrimEnd('\r');
    }
}
