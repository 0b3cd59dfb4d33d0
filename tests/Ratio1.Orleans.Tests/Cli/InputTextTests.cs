using System.Text;
using Ratio1.Orleans.Cli;
using Ratio1.Orleans.Contracts.Errors;
using Ratio1.Orleans.Tests.Infrastructure;

namespace Ratio1.Orleans.Tests.Cli;

/// <summary>r1ctl reads its input files and stdin strictly: bytes that are not text are refused, never replaced.</summary>
[Collection(SiloCollection.Name)]
public sealed class InputTextTests(SiloFixture fixture) : IDisposable
{
    private readonly ScratchFiles _files = new();

    public void Dispose() => _files.Dispose();

    [Fact]
    public async Task A_file_that_is_not_valid_UTF_8_exits_2_naming_the_file_and_the_byte_offset_and_nothing_is_deployed()
    {
        var name = SiloFixture.UniqueName();
        var text = Encoding.UTF8.GetBytes(PipelineDocuments.Sensor(name));
        var at = Array.IndexOf(text, (byte)'t', Array.IndexOf(text, (byte)'V'));
        text[at] = 0xFF;
        var path = _files.PathOf("latin1.json");
        await File.WriteAllBytesAsync(path, text);

        var result = await R1ctl.RunAsync(fixture, "deploy", SiloFixture.NodeId, path);

        Assert.True(result.ExitCode == 2, result.ToString());
        Assert.Contains($"cannot read '{path}': invalid UTF-8 at byte offset {at} (0xFF)", result.Stderr);
        await Assert.ThrowsAsync<PipelineNotFoundException>(() => fixture.Session.GetPipelineAsync(SiloFixture.NodeId, name));
    }

    [Fact]
    public async Task Invalid_UTF_8_on_stdin_exits_2_naming_stdin()
    {
        byte[] bytes = [.. "{\"PROCESS_DELAY\": \"a"u8, 0xC3, .. "\"}"u8];
        using var stdin = new StreamReader(new MemoryStream(bytes));
        var stdout = new StringWriter();
        var stderr = new StringWriter();

        var exitCode = await CliApplication.RunAsync(
            ["update-instance", SiloFixture.NodeId, "any", PipelineDocuments.Signature, "t1", "@-", "--gateway", $"127.0.0.1:{fixture.Silo.GatewayPort}"],
            stdin, stdout, stderr, CancellationToken.None);

        Assert.True(exitCode == 2, stderr.ToString());
        Assert.Contains("cannot read stdin: invalid UTF-8 at byte offset 20 (0xC3)", stderr.ToString());
    }

    [Fact]
    public async Task An_escaped_unpaired_surrogate_in_a_file_exits_5_naming_the_field()
    {
        var name = SiloFixture.UniqueName();
        var document = PipelineDocuments.Sensor(name).Replace("\"temperature\"", "\"temp\\ud800\"", StringComparison.Ordinal);

        var result = await R1ctl.RunAsync(fixture, "deploy", SiloFixture.NodeId, _files.Write("surrogate.json", document));

        Assert.True(result.ExitCode == 5, result.ToString());
        Assert.Contains("""PLUGINS[0].INSTANCES[0].VALUE_KEY = "temp\ud800": contains an unpaired surrogate (U+D800), which is not valid Unicode text""", result.Stderr);
        await Assert.ThrowsAsync<PipelineNotFoundException>(() => fixture.Session.GetPipelineAsync(SiloFixture.NodeId, name));
    }

    [Fact]
    public async Task A_NUL_in_an_instance_delta_exits_5_naming_the_field_and_changes_nothing()
    {
        var name = SiloFixture.UniqueName();
        await R1ctl.RunAsync(fixture, "deploy", SiloFixture.NodeId, _files.Write("p.json", PipelineDocuments.Sensor(name)));

        var result = await R1ctl.RunAsync(fixture, "update-instance", SiloFixture.NodeId, name, PipelineDocuments.Signature, "t1", """{"NOTE": "a\u0000b"}""");

        Assert.True(result.ExitCode == 5, result.ToString());
        Assert.Contains("""INSTANCE_CONFIG.NOTE = "a\u0000b": contains a NUL character (U+0000), which storage cannot hold""", result.Stderr);
        Assert.Equal(1, (await fixture.Session.GetPipelineAsync(SiloFixture.NodeId, name)).Version);
    }

    [Fact]
    public async Task A_UTF_16_file_with_a_byte_order_mark_is_read_as_text()
    {
        var name = SiloFixture.UniqueName();
        var path = _files.PathOf("utf16.json");
        await File.WriteAllTextAsync(path, PipelineDocuments.Sensor(name), new UnicodeEncoding(bigEndian: false, byteOrderMark: true));

        var result = await R1ctl.RunAsync(fixture, "deploy", SiloFixture.NodeId, path);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal(1, (await fixture.Session.GetPipelineAsync(SiloFixture.NodeId, name)).Version);
    }
}
