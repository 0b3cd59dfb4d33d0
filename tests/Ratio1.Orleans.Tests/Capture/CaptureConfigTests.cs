using Ratio1.Orleans.Contracts.Config;
using Ratio1.Orleans.Contracts.Errors;
using Ratio1.Orleans.Contracts.Pipelines;
using Ratio1.Orleans.Edge.Capture;
using Ratio1.Orleans.Plugins;

namespace Ratio1.Orleans.Tests.Capture;

/// <summary>
/// A capture source's typed config declares its keys once: the common keys take the rules every pipeline is read
/// with, a source adds or tightens its own, and the rules survive the trip to whoever checks a deploy.
/// </summary>
public sealed class CaptureConfigTests
{
    public static TheoryData<CaptureSource> BuiltInSources =>
    [
        new VideoFileCapture(), new VideoStreamCapture(), new ImageFolderCapture(), new StructuredFileCapture(),
        new NetworkListenerCapture(), new MetaStreamCapture(), new OnDemandInputCapture(), new LoopbackCapture(),
    ];

    [Fact]
    public void Common_keys_left_out_take_the_defaults_declared_with_the_pipeline_keys()
    {
        var schema = new VideoStreamCapture().Schema;
        var config = schema.Bind<VideoStreamCapture.VideoStreamConfig>(schema.Read(ConfigMap.Parse("""{"URL": "rtsp://cam/1"}""")));

        Assert.Equal((1.0, "YES", 10, 10.0, true, 10.0), (config.CapResolution, config.ReconnectPolicy, config.MaxRetries, config.SleepTimeOnError, config.LiveFeed, config.FrameTimeout));
        Assert.Equal(PipelineKeys.Rules.Find(PipelineKeys.CapResolution), new VideoStreamCapture().Schema.Rules.Find(PipelineKeys.CapResolution));
    }

    [Fact]
    public void A_source_that_needs_a_URL_tightens_the_common_rule_for_itself_only()
    {
        var error = Assert.Throws<InvalidConfigException>(() => new VideoFileCapture().Configure(ConfigMap.Parse("""{"URL": ""}""")));

        Assert.Equal(("URL", "\"\"", "must not be empty"), (error.Field, error.Value, error.Errors[0].Reason));
        var onDemand = new OnDemandInputCapture().Schema;
        Assert.Null(onDemand.Bind<CaptureConfig>(onDemand.Read(ConfigMap.Empty)).Url);
    }

    [Fact]
    public void Config_read_at_start_refuses_what_a_deploy_refuses()
    {
        var error = Assert.Throws<InvalidConfigException>(() => new NetworkListenerCapture().Configure(ConfigMap.Parse("""{"PATH_FILTER": ["edge-01", "a"]}""")));

        Assert.Equal(("PATH_FILTER", "has 2 elements; expected exactly 4"), (error.Field, error.Errors[0].Reason));
    }

    [Theory]
    [MemberData(nameof(BuiltInSources))]
    public void The_rules_a_node_registers_are_the_rules_its_sources_start_with(CaptureSource source)
    {
        var declared = source.Schema.Rules;

        var registered = ConfigRuleSet.FromMap(ConfigMap.Parse(declared.ToMap().ToJson()));

        Assert.Equal(declared.ToMap(), registered.ToMap());
        Assert.All(declared.Rules, rule => Assert.Null(rule.Check));
    }
}
