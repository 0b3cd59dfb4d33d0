using Ratio1.Orleans.Contracts.Config;
using Ratio1.Orleans.Contracts.Messages;

namespace Ratio1.Orleans.Tests.Contracts;

/// <summary>The size of a config value on the wire is computed without writing it, and exactly.</summary>
public sealed class MessageSizeTests
{
    [Theory]
    [InlineData("null")]
    [InlineData("true")]
    [InlineData("false")]
    [InlineData("1.50")]
    [InlineData("-1e-07")]
    [InlineData("\"plain\"")]
    [InlineData("\"quote \\\" backslash \\\\ newline \\n tab \\t cr \\r bell \\u0007 nul \\u0000 unit \\u001f\"")]
    [InlineData("\"é ü ß — 中文 😀\"")]
    [InlineData("[]")]
    [InlineData("{}")]
    [InlineData("[1, \"a\", null, [true, {}], {\"K\": [2.0, \"x\\ny\"]}]")]
    [InlineData("{\"NAME\": \"p\", \"PLUGINS\": [{\"SIGNATURE\": \"ECHO_01\", \"INSTANCES\": [{\"INSTANCE_ID\": \"é\\u0001\", \"DELAY\": 0.5}]}], \"k\\\"ey\": {}}")]
    public void The_size_of_a_value_is_the_length_of_its_compact_json(string json)
    {
        var value = ConfigJson.Parse(json);

        Assert.Equal(ConfigJson.WriteUtf8(value).Length, MessageSize.Of(value));
    }

    [Fact]
    public void The_size_of_text_with_unpaired_surrogates_is_the_length_of_its_escaped_json()
    {
        // Built in code: a string constant in an attribute would have them replaced at compile time.
        string[] texts = ["lone high " + '\uD800' + " end", '\uDC00' + " lone low first", "pair \uD83D\uDE00 then lone " + '\uD83D'];

        foreach (var text in texts)
        {
            var value = ConfigValue.FromObject(ConfigMap.Empty.SetItem("TEXT", text));
            Assert.Equal(ConfigJson.WriteUtf8(value).Length, MessageSize.Of(value));
        }
    }

    [Fact]
    public void A_large_text_is_measured_without_writing_it()
    {
        var value = ConfigValue.FromString(new string('x', 20_000_000));
        // Once first: loading and compiling the code allocates, once per process, whatever the text (it made this fail
        // when the test happened to be the first to measure).
        MessageSize.Of(ConfigValue.FromString("warm"));
        var before = GC.GetAllocatedBytesForCurrentThread();

        var size = MessageSize.Of(value);

        Assert.Equal(20_000_002, size);
        Assert.True(GC.GetAllocatedBytesForCurrentThread() - before < 10_000, "measuring allocates next to nothing");
    }
}
