using System.Text;
using System.Text.Json.Nodes;
using Ratio1.Orleans.Cli;
using Ratio1.Orleans.Contracts.Security;
using Ratio1.Orleans.Tests.Security.Vectors;

namespace Ratio1.Orleans.Tests.Cli;

/// <summary><c>r1ctl verify &lt;message.json&gt;</c>: checks a Ratio1 signed message, no cluster needed.</summary>
public sealed class VerifyCommandTests : IDisposable
{
    private readonly ScratchFiles _files = new();

    public void Dispose() => _files.Dispose();

    [Fact]
    public async Task A_real_ratio1_message_verifies_naming_the_canon_and_signer()
    {
        var message = SigningVectors.RealMessages[0]!["message"]!;
        var path = _files.Write("real.json", message.ToJsonString());

        var result = await RunAsync("", "verify", path);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains($"verified: signed by {message["EE_SENDER"]}", result.Stdout, StringComparison.Ordinal);
        Assert.Contains("no SIGN_CANON_V", result.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_legacy_message_reports_canon_v1_in_json()
    {
        var vector = SigningVectors.Named(SigningVectors.Signed["messages"]!.AsArray(), "v1 float-heavy");
        var path = _files.Write("v1.json", vector["message"]!.ToJsonString());

        var result = await RunAsync("", "verify", path, "--json");

        Assert.True(result.ExitCode == 0, result.ToString());
        var json = result.StdoutJson();
        Assert.True(json.GetProperty("valid").GetBoolean());
        Assert.Equal("v1", json.GetProperty("canon").GetString());
        Assert.Equal((string)SigningVectors.Signed["address"]!, json.GetProperty("sender").GetString());
    }

    [Fact]
    public async Task A_message_read_from_stdin_verifies()
    {
        using var identity = Ratio1Identity.Create();
        var message = new JsonObject { ["ACTION"] = "STOP", ["VALUE"] = 2.5 };
        identity.Sign(message);

        var result = await RunAsync(Encoding.UTF8.GetString(CanonicalJson.ToUtf8(message, SignCanon.V2)), "verify", "-");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("canon:   v2", result.Stdout, StringComparison.Ordinal);
        Assert.Contains(identity.ShortAddress, result.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_tampered_message_fails_with_exit_16_and_the_reason()
    {
        var message = (JsonObject)SigningVectors.RealMessages[0]!["message"]!.DeepClone();
        message["9"] = 99;
        var path = _files.Write("tampered.json", message.ToJsonString());

        var result = await RunAsync("", "verify", path, "--json");

        Assert.Equal(16, result.ExitCode);
        Assert.Contains("corrupted digest", result.Stderr, StringComparison.Ordinal);
        Assert.Equal("signature-invalid", result.StderrJson().GetProperty("error").GetString());
        Assert.False(result.StdoutJson().GetProperty("valid").GetBoolean());
    }

    [Fact]
    public async Task A_message_without_signature_fails_naming_the_missing_field()
    {
        var path = _files.Write("unsigned.json", "{\"ACTION\":\"STOP\",\"EE_SENDER\":\"0xai_AuN2SENcYNzRgbPUHVCFe6W1q-vieUKap2VY9mU_Fljy\"}");

        var result = await RunAsync("", "verify", path);

        Assert.Equal(16, result.ExitCode);
        Assert.Contains("missing EE_SIGN", result.Stderr, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("[1,2]", "not one message object")]
    [InlineData("{\"a\":", "is not JSON")]
    public async Task Input_that_is_not_one_json_object_is_a_usage_error(string content, string expected)
    {
        var path = _files.Write("bad.json", content);

        var result = await RunAsync("", "verify", path);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains(expected, result.Stderr, StringComparison.Ordinal);
        Assert.Contains(path, result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_missing_file_is_a_usage_error()
    {
        var result = await RunAsync("", "verify", _files.PathOf("nothing.json"));

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("cannot read", result.Stderr, StringComparison.Ordinal);
    }

    private static async Task<CliResult> RunAsync(string stdin, params string[] args)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var exitCode = await CliApplication.RunAsync(args, new StringReader(stdin), stdout, stderr, timeout.Token);
        return new CliResult(exitCode, stdout.ToString(), stderr.ToString());
    }
}
