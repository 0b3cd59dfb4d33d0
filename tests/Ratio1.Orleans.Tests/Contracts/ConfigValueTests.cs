using Ratio1.Orleans.Contracts.Config;
using Ratio1.Orleans.Contracts.Errors;
using Ratio1.Orleans.Contracts.Pipelines;

namespace Ratio1.Orleans.Tests.Contracts;

/// <summary>The JSON model compares by meaning, exactly.</summary>
public sealed class ConfigValueTests
{
    [Theory]
    [InlineData("1", "1.0")]
    [InlineData("10e-1", "1")]
    [InlineData("-0", "0.0")]
    [InlineData("1.50", "1.5")]
    [InlineData("12345678901234567890", "1.234567890123456789e19")]
    public void Numbers_written_differently_with_the_same_value_are_equal(string left, string right)
    {
        Assert.Equal(ConfigValue.FromNumberLiteral(left), ConfigValue.FromNumberLiteral(right));
        Assert.Equal(ConfigValue.FromNumberLiteral(left).GetHashCode(), ConfigValue.FromNumberLiteral(right).GetHashCode());
    }

    [Fact]
    public void Integers_beyond_double_precision_stay_distinct()
    {
        Assert.NotEqual(ConfigValue.FromNumberLiteral("9007199254740993"), ConfigValue.FromNumberLiteral("9007199254740992"));
    }

    [Fact]
    public void Object_key_order_does_not_change_meaning()
    {
        Assert.Equal(ConfigMap.Parse("""{"A":1,"B":[1,{"C":true}]}"""), ConfigMap.Parse("""{"B":[1,{"C":true}],"A":1}"""));
    }

    [Fact]
    public void Quotes_backslashes_and_control_characters_are_escaped_and_read_back()
    {
        var text = "say \"hi\"\\ then\nnew line\t\u0001";

        var json = ConfigValue.FromString(text).ToJson();

        Assert.Equal(text, ConfigJson.Parse(json).AsString());
        Assert.Contains("\\u0001", json);
    }

    [Fact]
    public void Typed_dictionaries_and_lists_become_json_objects_and_arrays()
    {
        var value = ConfigValue.From(new Dictionary<string, int> { ["LOW"] = 1, ["HIGH"] = 9 });

        Assert.Equal(ConfigMap.Parse("""{"LOW":1,"HIGH":9}"""), value.Fields);
        Assert.Equal("[1,2]", ConfigValue.From(new List<int> { 1, 2 }).ToJson());
    }

    [Theory]
    [InlineData("edge-01\n")]
    [InlineData("edge 01")]
    [InlineData("a/b")]
    public void A_node_id_with_whitespace_or_a_slash_is_rejected(string nodeId)
    {
        var error = Assert.Throws<InvalidConfigException>(() => Identifiers.RequireNodeId(nodeId));

        Assert.Equal("node", error.Field);
    }

    [Fact]
    public void A_pipeline_name_ending_in_a_newline_is_rejected()
    {
        Assert.NotNull(Identifiers.CheckPipelineName("sensors\n"));
    }
}
