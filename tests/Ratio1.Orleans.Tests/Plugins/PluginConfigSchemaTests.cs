using Ratio1.Orleans.Contracts.Config;
using Ratio1.Orleans.Contracts.Errors;
using Ratio1.Orleans.Plugins;

namespace Ratio1.Orleans.Tests.Plugins;

/// <summary>
/// A node checks an instance's or a source's keys with the routine a deploy runs on the rules the node registered,
/// so what one refuses the other refuses, for the same reason.
/// </summary>
public sealed class PluginConfigSchemaTests
{
    private static readonly PluginConfigSchema Schema = PluginConfigSchema.For<ThresholdConfig>();

    [Theory]
    [InlineData("""{}""")]
    [InlineData("""{"THRESHOLD": null}""")]
    [InlineData("""{"THRESHOLD": 0.5, "LABEL": "x"}""")]
    [InlineData("""{"THRESHOLD": 2, "LABEL": ""}""")]
    public void The_node_refuses_what_a_deploy_refuses_with_the_same_reason(string json)
    {
        var settings = ConfigMap.Parse(json);
        var registered = ConfigRuleSet.FromMap(ConfigMap.Parse(Schema.Rules.ToMap().ToJson()));

        var byNode = new List<ConfigError>();
        Schema.Validate(settings, "INSTANCE_CONFIG.", byNode);
        var byDeploy = new List<ConfigError>();
        registered.Validate(settings, "INSTANCE_CONFIG.", byDeploy);

        Assert.NotEmpty(byDeploy);
        Assert.Equal(byDeploy.Select(e => e.ToString()).Order(StringComparer.Ordinal), byNode.Select(e => e.ToString()).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void A_source_started_with_a_missing_required_key_is_refused_as_a_deploy_refuses_it()
    {
        var error = Assert.Throws<InvalidConfigException>(() => Schema.Read(ConfigMap.Empty));

        Assert.Equal(("THRESHOLD", "is required"), (error.Field, error.Errors[0].Reason));
    }

    private sealed class ThresholdConfig
    {
        [ConfigKey(Required = true, Min = 1)]
        public double? Threshold { get; set; }

        [ConfigKey(MinLength = 2)]
        public string Label { get; set; } = "ok";
    }
}
