using Ratio1.Orleans.Silo.Cli;
using Ratio1.Orleans.Silo.Hosting;
using Ratio1.Orleans.Testing;

namespace Ratio1.Orleans.Tests.Startup;

/// <summary>
/// The silo's command line, run as a service manager runs it: <c>--help</c> on the silo and on each of its commands
/// lists every option with the configuration key it sets, that key's environment variable and its default; a bad
/// argument is one line naming it, with exit code 2; a setting a validator refuses keeps its message and exit code 1.
/// </summary>
public sealed class SiloCommandLineTests : IDisposable
{
    private readonly DirectoryInfo _data = Directory.CreateTempSubdirectory("r1-cli-");

    public static TheoryData<string[], string> CommandsWithTheirSwitches() => new()
    {
        { ["--help"], "silo" },
        { ["db", "--help"], "db" },
        { ["db", "init", "--help"], "db" },
    };

    public void Dispose() => _data.Delete(recursive: true);

    [Theory]
    [MemberData(nameof(CommandsWithTheirSwitches))]
    public async Task Help_lists_every_option_with_its_configuration_key_environment_variable_and_default(string[] args, string command)
    {
        var result = await SiloProgram.RunAsync(args);

        Assert.True(result.ExitCode == SiloExitCodes.Ok, result.ToString());
        var help = Flatten(result.Stdout);
        foreach (var @switch in command == "silo" ? SiloSwitches.Silo : SiloSwitches.Storage)
        {
            Assert.Contains(@switch.Name, help);
            Assert.Contains($"[{@switch.Key}, env {@switch.EnvironmentVariable}; default: {@switch.Default}]", help);
        }
    }

    [Fact]
    public void Each_switch_names_the_environment_variable_of_its_key()
    {
        var nodeId = SiloSwitches.Silo.Single(s => s.Name == "--node-id");

        Assert.Equal(("Node:Id", "R1_Node__Id"), (nodeId.Key, nodeId.EnvironmentVariable));
    }

    [Fact]
    public async Task Silo_help_names_its_commands_and_how_to_give_any_other_setting()
    {
        var result = await SiloProgram.RunAsync("--help");

        var help = Flatten(result.Stdout);
        Assert.Contains("db", help);
        Assert.Contains("models", help);
        Assert.Contains("--Section:Key=value", help);
        Assert.Contains("R1_<Section>__<Key>", help);
    }

    [Fact]
    public async Task Models_help_names_the_sample_command()
    {
        var result = await SiloProgram.RunAsync("models", "--help");

        Assert.True(result.ExitCode == SiloExitCodes.Ok, result.ToString());
        Assert.Contains("sample", result.Stdout);
    }

    [Fact]
    public async Task An_unknown_option_is_named_in_one_line_and_exits_2()
    {
        var result = await SiloProgram.RunAsync([.. SiloArgs(), "--nod-id", "edge-typo"]);

        Assert.True(result.ExitCode == SiloExitCodes.Usage, result.ToString());
        Assert.Equal("error: unknown option '--nod-id'. See 'Ratio1.Orleans.Silo --help'.", SingleLine(result.Stderr));
    }

    [Fact]
    public async Task A_silo_option_given_to_db_is_unknown_there()
    {
        var result = await SiloProgram.RunAsync("db", "status", "--silo-port", "11112");

        Assert.True(result.ExitCode == SiloExitCodes.Usage, result.ToString());
        Assert.Equal("error: unknown option '--silo-port'. See 'Ratio1.Orleans.Silo db status --help'.", SingleLine(result.Stderr));
    }

    [Fact]
    public async Task A_value_not_of_its_options_kind_is_named_in_one_line_and_exits_2()
    {
        var result = await SiloProgram.RunAsync([.. SiloArgs(), "--silo-port", "eleven"]);

        Assert.True(result.ExitCode == SiloExitCodes.Usage, result.ToString());
        Assert.Equal("error: --silo-port (Cluster:SiloPort) must be a whole number, not 'eleven'. See 'Ratio1.Orleans.Silo --help'.", SingleLine(result.Stderr));
    }

    [Fact]
    public async Task A_setting_a_validator_refuses_keeps_its_message_and_exits_1_without_a_stack_trace()
    {
        var result = await SiloProgram.RunAsync([.. SiloArgs(), "--gateway-port", "70000", "--Cluster:Membership:VotesForDeath=11"]);

        Assert.True(result.ExitCode == SiloExitCodes.InvalidSettings, result.ToString());
        Assert.Equal(
            ["error: Invalid settings:", "  --gateway-port (Cluster:GatewayPort) 70000 is not a port (1-65535)", "  Cluster:Membership:VotesForDeath 11 must be between 1 and 10"],
            result.Stderr.TrimEnd().Split('\n').Select(l => l.TrimEnd('\r')));
    }

    [Fact]
    public void A_switch_and_a_key_typed_as_such_both_reach_the_configuration_and_a_repeated_switch_takes_the_last_value()
    {
        var settings = SiloCommandLine.SettingsOf(["--node-id", "edge-a", "--Node:Alias=north", "--Node:SecondsHeartbeat", "5", "--node-id", "edge-b", "--apply-schema"]);
        var configuration = settings.AddTo(new Microsoft.Extensions.Configuration.ConfigurationBuilder()).Build();

        Assert.Equal(("edge-b", "north", "5", "true"), (configuration["Node:Id"], configuration["Node:Alias"], configuration["Node:SecondsHeartbeat"], configuration["Storage:ApplySchemaOnStart"]));
    }

    [Theory]
    [InlineData(new[] { "--model-dirs", "/srv/a", "--Node:ModelDirectories=" }, "")]
    [InlineData(new[] { "--Node:ModelDirectories=/srv/a", "--model-dirs", "/srv/b" }, "/srv/b")]
    public void Of_a_switch_and_its_key_typed_as_such_the_later_one_wins(string[] args, string expected)
    {
        var configuration = SiloCommandLine.SettingsOf(args).AddTo(new Microsoft.Extensions.Configuration.ConfigurationBuilder()).Build();

        Assert.Equal(expected, configuration["Node:ModelDirectories"]);
    }

    private string[] SiloArgs() =>
    [
        "--node-id", "edge-cli", "--data-dir", _data.FullName,
        "--silo-port", FreePorts.Next().ToString(System.Globalization.CultureInfo.InvariantCulture),
        "--gateway-port", FreePorts.Next().ToString(System.Globalization.CultureInfo.InvariantCulture),
        "--http-urls", "http://127.0.0.1:0",
    ];

    // Help wraps long descriptions at the terminal's width: compare text with its line breaks and indents made spaces.
    private static string Flatten(string help) => string.Join(' ', help.Split((char[])['\n', '\r', ' '], StringSplitOptions.RemoveEmptyEntries));

    private static string SingleLine(string stderr)
    {
        var lines = stderr.TrimEnd().Split('\n');
        Assert.True(lines.Length == 1, "expected one line on stderr:\n" + stderr);
        return lines[0].TrimEnd('\r');
    }
}
