using Ratio1.Orleans.Contracts.Config;
using Ratio1.Orleans.Contracts.Pipelines;

namespace Ratio1.Orleans.Tests.Contracts;

/// <summary>Real Ratio1 pipeline files (Fixtures/*.json) survive parse → write → parse with their meaning intact.</summary>
public sealed class Ratio1JsonRoundTripTests
{
    public static TheoryData<string> Fixtures => new(Directory.GetFiles(Path.Combine(AppContext.BaseDirectory, "Fixtures"), "*.json").Select(Path.GetFileName)!);

    [Theory]
    [MemberData(nameof(Fixtures))]
    public void Every_key_of_a_ratio1_file_comes_back_with_the_same_value(string file)
    {
        var original = ConfigMap.Parse(Read(file));

        var written = PipelineConfig.Parse(Read(file)).ToJson(indented: true);

        var expected = original.RemoveRange(PipelineKeys.ServerMaintained);
        Assert.Equal(expected, ConfigMap.Parse(written));
    }

    [Theory]
    [MemberData(nameof(Fixtures))]
    public void Writing_a_parsed_file_is_stable(string file)
    {
        var once = PipelineConfig.Parse(Read(file)).ToJson();

        var twice = PipelineConfig.Parse(once).ToJson();

        Assert.Equal(once, twice);
    }

    [Fact]
    public void Number_literals_are_kept_as_written()
    {
        var json = PipelineConfig.Parse(Read("video_file_view_scene.json")).ToJson();

        Assert.Contains("\"CAP_RESOLUTION\":20.0", json);
        Assert.Contains("\"ALERT_LOWER_VALUE\":1e-07", json);
    }

    [Fact]
    public void Non_ascii_text_is_written_raw_as_ratio1_does()
    {
        var json = PipelineConfig.Parse(Read("void_custom_exec.json")).ToJson();

        Assert.Contains("Código remoto — ñ, ü, 日本語, emoji 🚀", json);
    }

    [Fact]
    public void Integers_beyond_64_bits_are_not_truncated()
    {
        var json = PipelineConfig.Parse(Read("void_custom_exec.json")).ToJson();

        Assert.Contains("\"BIG\":12345678901234567890", json);
    }

    [Fact]
    public void Node_maintained_keys_are_dropped_from_an_incoming_file()
    {
        var config = PipelineConfig.Parse(Read("video_file_view_scene.json"));

        Assert.DoesNotContain(PipelineKeys.InitiatorId, config.Settings.Keys);
        Assert.DoesNotContain(PipelineKeys.LastUpdateTime, config.Settings.Keys);
    }

    [Fact]
    public void Key_order_of_the_file_is_kept()
    {
        var config = PipelineConfig.Parse(Read("video_file_view_scene.json"));

        Assert.Equal(["URL", "CAP_RESOLUTION", "RECONNECTABLE", "LIVE_FEED", "STREAM_CONFIG_METADATA", "DEFAULT_PLUGIN"], config.Settings.Keys);
    }

    internal static string Read(string file) => File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Fixtures", file));
}
