namespace Ratio1.Orleans.Tests.TestCommand;

/// <summary>
/// <c>./test.sh</c> stands alone on a fresh machine: before building it checks what the tests need besides .NET
/// (ffmpeg, the PostgreSQL server binaries, chromium), installs what is missing with apt-get when it may, and otherwise stops
/// at once naming the command to run, still ending with the summary line CI reads.
/// </summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class PrerequisiteTests
{
    [Fact]
    public async Task Without_ffmpeg_and_no_way_to_install_it_the_test_command_stops_before_building_naming_the_install_command()
    {
        using var path = new ToolPath();

        var result = await path.RunTestCommandAsync(new Dictionary<string, string?> { ["R1_TEST_INSTALL"] = "no" });

        Assert.True(result.ExitCode == 1, result.ToString());
        Assert.Contains("ffmpeg (the capture tests", result.Stdout);
        Assert.Contains("chromium (the dashboard's browser tests", result.Stdout);
        Assert.Matches(@"\n  (sudo )?apt-get install -y ffmpeg( postgresql)?( chromium)?\n", result.Stdout);
        Assert.EndsWith("\n0 passed, 1 failed\n", result.Stdout);
        Assert.Empty(path.Calls("dotnet"));
    }

    [Fact]
    public async Task A_missing_prerequisite_is_installed_with_apt_get_and_the_suite_then_runs()
    {
        using var path = new ToolPath();
        // apt-get "installs" ffmpeg and chromium into the PATH; sudo (used when the tests do not run as root) asks no password.
        path.AddStandIn("apt-get", """echo "$*" >> "$0.calls"; for tool in ffmpeg chromium; do [[ " $* " != *" install "*" $tool "* ]] || { printf '#!/bin/sh\n' > "$(dirname "$0")/$tool"; chmod +x "$(dirname "$0")/$tool"; }; done""");
        path.AddStandIn("sudo", """[ "$1" != -n ] || shift; "$@" """);

        var result = await path.RunTestCommandAsync(new Dictionary<string, string?> { ["R1_TEST_INSTALL"] = null }, "--filter", "Nothing");

        Assert.Contains("install -y -qq ffmpeg", path.Calls("apt-get"));
        Assert.Contains(" chromium", path.Calls("apt-get"));
        Assert.Contains("test Ratio1.Orleans.sln -c Release", path.Calls("dotnet"));
        Assert.DoesNotContain("missing prerequisites", result.Stdout);
    }

    [Fact]
    public async Task With_its_prerequisites_present_the_test_command_goes_on_to_run_the_suite_with_the_given_arguments()
    {
        using var path = new ToolPath();
        path.AddStandIn("ffmpeg", "exit 0");
        path.AddStandIn("chromium", "exit 0");

        var result = await path.RunTestCommandAsync(new Dictionary<string, string?> { ["R1_TEST_INSTALL"] = "no" }, "--filter", "FullyQualifiedName~Nothing");

        Assert.EndsWith("--filter FullyQualifiedName~Nothing\n", path.Calls("dotnet"));
        // The stand-in dotnet fails: test.sh reports that as a failure, never as green.
        Assert.EndsWith("\n0 passed, 1 failed\n", result.Stdout);
        Assert.NotEqual(0, result.ExitCode);
    }
}
