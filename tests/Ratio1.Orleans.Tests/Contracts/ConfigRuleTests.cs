using Ratio1.Orleans.Contracts.Config;
using Ratio1.Orleans.Contracts.Errors;

namespace Ratio1.Orleans.Tests.Contracts;

/// <summary>Declarative rules: lengths, a rule for every element of a list, named formats, and their data form.</summary>
public sealed class ConfigRuleTests
{
    private static readonly ConfigRule PathLike = new("PATH", ConfigType.List)
    {
        MinLength = 2,
        MaxLength = 2,
        Items = new ConfigRule("PATH", ConfigType.Null | ConfigType.String | ConfigType.List)
        {
            MinLength = 1,
            Items = new ConfigRule("PATH", ConfigType.String) { Format = ConfigFormats.PipelineName },
        },
    };

    [Theory]
    [InlineData("""["a"]""", "PATH", """["a"]""", "has 1 elements; expected exactly 2")]
    [InlineData("""["a", 3]""", "PATH[1]", "3", "expected a string, a list or null but found an integer")]
    [InlineData("""["a", []]""", "PATH[1]", "[]", "must not be empty")]
    [InlineData("""[null, ["b", "c/d"]]""", "PATH[1][1]", "\"c/d\"", "may only contain letters, digits and '_', '-', '.', starting with a letter, digit or '_'")]
    public void A_value_that_breaks_a_rule_is_reported_at_the_path_of_the_element_that_breaks_it(string json, string field, string value, string reason)
    {
        var errors = Validate(PathLike, json);

        Assert.Equal((field, value, reason), Assert.Single(errors) is var e ? (e.Field, e.Value, e.Reason) : default);
    }

    [Fact]
    public void A_value_that_keeps_every_rule_passes()
    {
        Assert.Empty(Validate(PathLike, """[null, ["north", "south"]]"""));
    }

    [Fact]
    public void A_rule_set_read_back_from_its_data_form_judges_values_as_the_declared_one_does()
    {
        var declared = new ConfigRuleSet(
        [
            PathLike,
            new ConfigRule("RATE", ConfigType.Float) { Min = 0.5, Max = 10, Default = 1, Description = "Rate." },
            new ConfigRule("MODE", ConfigType.String | ConfigType.Bool) { AllowedValues = ["YES", "NO"], Required = true },
            new ConfigRule("NAME", ConfigType.String | ConfigType.Null) { MaxLength = 3 },
        ]);
        var config = ConfigMap.Parse("""{"PATH": ["a", [1]], "RATE": 20, "NAME": "toolong"}""");

        var readBack = ConfigRuleSet.FromMap(ConfigMap.Parse(declared.ToMap().ToJson()));

        Assert.Equal(declared.ToMap(), readBack.ToMap());
        Assert.Equal(Errors(declared, config), Errors(readBack, config));
        Assert.Equal(4, Errors(declared, config).Count);
    }

    [Fact]
    public void The_data_form_is_shaped_like_ratio1_validation_rules()
    {
        var rules = new ConfigRuleSet([new ConfigRule("CAP_RESOLUTION", ConfigType.Float) { Min = 0.0003, Max = 250, Description = "Capture rate in Hz." }]);

        Assert.Equal("""{"CAP_RESOLUTION":{"TYPE":"float","MIN_VAL":0.0003,"MAX_VAL":250,"DESCRIPTION":"Capture rate in Hz."}}""", rules.ToMap().ToJson());
    }

    [Fact]
    public void Reading_rules_skips_what_this_build_does_not_know()
    {
        var rules = ConfigRuleSet.FromMap(ConfigMap.Parse("""{"A": {"TYPE": ["int", "tensor"], "SHAPE": [3, 3]}, "B": {"FORMAT": "mac-address"}, "C": 5}"""));

        Assert.Empty(Errors(rules, ConfigMap.Parse("""{"A": 1, "B": "anything", "C": "anything"}""")));
        Assert.Single(Errors(rules, ConfigMap.Parse("""{"A": "x"}""")));
    }

    private static List<ConfigError> Validate(ConfigRule rule, string json)
    {
        var errors = new List<ConfigError>();
        rule.Validate(ConfigJson.Parse(json), rule.Key, errors);
        return errors;
    }

    private static List<ConfigError> Errors(ConfigRuleSet rules, ConfigMap config)
    {
        var errors = new List<ConfigError>();
        rules.Validate(config, string.Empty, errors);
        return errors;
    }
}
