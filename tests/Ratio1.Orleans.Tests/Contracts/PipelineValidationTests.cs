using Ratio1.Orleans.Contracts.Config;
using Ratio1.Orleans.Contracts.Errors;
using Ratio1.Orleans.Contracts.Pipelines;

namespace Ratio1.Orleans.Tests.Contracts;

/// <summary>Bad pipeline documents are rejected with errors that name the field and the offending value.</summary>
public sealed class PipelineValidationTests
{
    [Theory]
    [InlineData("""{"TYPE":"Void"}""", "NAME", null)]
    [InlineData("""{"NAME":"p","PLUGINS":[]}""", "TYPE", null)]
    [InlineData("""{"NAME":42,"TYPE":"Void"}""", "NAME", "42")]
    [InlineData("""{"NAME":"a/b","TYPE":"Void"}""", "NAME", "\"a/b\"")]
    [InlineData("""{"NAME":"p","TYPE":"Void","PLUGINS":[{"INSTANCES":[{"INSTANCE_ID":"i"}]}]}""", "PLUGINS[0].SIGNATURE", null)]
    [InlineData("""{"NAME":"p","TYPE":"Void","PLUGINS":[{"SIGNATURE":"A_01"}]}""", "PLUGINS[0].INSTANCES", null)]
    [InlineData("""{"NAME":"p","TYPE":"Void","PLUGINS":[{"SIGNATURE":"A_01","INSTANCES":[]}]}""", "PLUGINS[0].INSTANCES", "[]")]
    [InlineData("""{"NAME":"p","TYPE":"Void","PLUGINS":[{"SIGNATURE":"A_01","INSTANCES":[{"INSTANCE_ID":"i"},{"INSTANCE_ID":"i"}]}]}""", "PLUGINS[0].INSTANCES[1].INSTANCE_ID", "\"i\"")]
    [InlineData("""{"NAME":"p","TYPE":"Void","PLUGINS":[{"SIGNATURE":"A_01","INSTANCES":[{"PROCESS_DELAY":1}]}]}""", "PLUGINS[0].INSTANCES[0].INSTANCE_ID", null)]
    [InlineData("""{"NAME":"p","TYPE":"Void","PLUGINS":[{"SIGNATURE":"A_01","INSTANCES":[{"INSTANCE_ID":"i","PROCESS_DELAY":"fast"}]}]}""", "PLUGINS[0].INSTANCES[0].PROCESS_DELAY", "\"fast\"")]
    [InlineData("""{"NAME":"p","TYPE":"Void","PLUGINS":[{"SIGNATURE":"A_01","INSTANCES":[{"INSTANCE_ID":"i","ALLOW_EMPTY_INPUTS":"yes"}]}]}""", "PLUGINS[0].INSTANCES[0].ALLOW_EMPTY_INPUTS", "\"yes\"")]
    [InlineData("""{"NAME":"p","TYPE":"Void","PLUGINS":[{"SIGNATURE":"A_01","INSTANCES":[{"INSTANCE_ID":"i","MAX_INPUTS_QUEUE_SIZE":1.5}]}]}""", "PLUGINS[0].INSTANCES[0].MAX_INPUTS_QUEUE_SIZE", "1.5")]
    [InlineData("""{"NAME":"p","TYPE":"Void","PLUGINS":[{"SIGNATURE":"A_01","INSTANCES":[{"INSTANCE_ID":"i","WORKING_HOURS":[["8am","5pm"]]}]}]}""", "PLUGINS[0].INSTANCES[0].WORKING_HOURS", "[[\"8am\",\"5pm\"]]")]
    [InlineData("""{"NAME":"p","TYPE":"Void","CAP_RESOLUTION":-1}""", "CAP_RESOLUTION", "-1")]
    [InlineData("""{"NAME":"p","TYPE":"Void","RECONNECTABLE":"MAYBE"}""", "RECONNECTABLE", "\"MAYBE\"")]
    [InlineData("""{"NAME":"p","TYPE":"Void","PLUGINS":{"SIGNATURE":"A_01"}}""", "PLUGINS", "{\"SIGNATURE\":\"A_01\"}")]
    [InlineData("""{"NAME":"p","TYPE":"Void","PLUGINS":[{"SIGNATURE":"A_01","INSTANCES":[{"INSTANCE_ID":"i"}]},{"SIGNATURE":"a_01","INSTANCES":[{"INSTANCE_ID":"j"}]}]}""", "PLUGINS[1].SIGNATURE", "\"A_01\"")]
    public void A_bad_document_is_rejected_naming_the_field_and_value(string json, string field, string? value)
    {
        var error = Assert.Throws<InvalidConfigException>(() => PipelineConfig.Parse(json));

        var problem = Assert.Single(error.Errors, e => e.Field == field);
        Assert.Equal(value, problem.Value);
        Assert.Contains(field, error.Message);
    }

    [Fact]
    public void Every_problem_of_a_document_is_reported_at_once()
    {
        const string json = """{"NAME":"p","TYPE":"Void","CAP_RESOLUTION":"x","PLUGINS":[{"SIGNATURE":"A_01","INSTANCES":[{"INSTANCE_ID":"i","PROCESS_DELAY":-5,"DISABLED":1}]}]}""";

        var error = Assert.Throws<InvalidConfigException>(() => PipelineConfig.Parse(json));

        Assert.Equal(["CAP_RESOLUTION", "PLUGINS[0].INSTANCES[0].DISABLED", "PLUGINS[0].INSTANCES[0].PROCESS_DELAY"], error.Errors.Select(e => e.Field).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Malformed_json_is_rejected_with_its_line_and_position()
    {
        var error = Assert.Throws<InvalidConfigException>(() => PipelineConfig.Parse("{\n  \"NAME\": \"p\",\n  \"TYPE\": \n}"));

        Assert.Matches("line 4, position 1", error.Message);
    }

    [Fact]
    public void A_key_repeated_in_one_object_is_rejected()
    {
        var error = Assert.Throws<InvalidConfigException>(() => PipelineConfig.Parse("""{"NAME":"p","TYPE":"Void","URL":"a","URL":"b"}"""));

        Assert.Equal("URL", error.Field);
    }

    [Fact]
    public void Signatures_are_matched_case_insensitively_and_stored_upper_case()
    {
        var config = PipelineConfig.Parse("""{"NAME":"p","TYPE":"Void","PLUGINS":[{"SIGNATURE":"view_scene_01","INSTANCES":[{"INSTANCE_ID":"i"}]}]}""");

        Assert.Equal("VIEW_SCENE_01", config.Plugins[0].Signature);
        Assert.NotNull(config.FindInstance("View_Scene_01", "i"));
    }

    [Fact]
    public void An_update_replaces_top_level_keys_and_plugins_wholesale()
    {
        var config = PipelineConfig.Parse("""{"NAME":"p","TYPE":"Void","URL":"a","PLUGINS":[{"SIGNATURE":"A_01","INSTANCES":[{"INSTANCE_ID":"i"},{"INSTANCE_ID":"j"}]}]}""");

        var updated = config.ApplyUpdate(ConfigMap.Parse("""{"URL":"b","PLUGINS":[{"SIGNATURE":"A_01","INSTANCES":[{"INSTANCE_ID":"j"}]}]}"""));

        Assert.Equal("b", updated.Url);
        Assert.Equal(["j"], updated.Plugins.Single().Instances.Select(i => i.InstanceId));
    }

    [Fact]
    public void A_dotted_key_in_a_delta_sets_a_nested_value()
    {
        var config = PipelineConfig.Parse("""{"NAME":"p","TYPE":"Void","PLUGINS":[{"SIGNATURE":"A_01","INSTANCES":[{"INSTANCE_ID":"i","LIMITS":{"HIGH":5,"LOW":1}}]}]}""");

        var updated = config.ApplyInstanceUpdate("A_01", "i", ConfigMap.Parse("""{"LIMITS.HIGH":9}"""));

        Assert.Equal(ConfigMap.Parse("""{"HIGH":9,"LOW":1}"""), updated.FindInstance("A_01", "i")!.Settings["LIMITS"].Fields);
    }

    [Fact]
    public void An_instance_delta_cannot_change_the_instance_id()
    {
        var config = PipelineConfig.Parse("""{"NAME":"p","TYPE":"Void","PLUGINS":[{"SIGNATURE":"A_01","INSTANCES":[{"INSTANCE_ID":"i"}]}]}""");

        var error = Assert.Throws<InvalidConfigException>(() => config.ApplyInstanceUpdate("A_01", "i", ConfigMap.Parse("""{"INSTANCE_ID":"k"}""")));

        Assert.Equal("INSTANCE_CONFIG.INSTANCE_ID", error.Field);
    }

    [Fact]
    public void An_invalid_instance_delta_names_the_field_under_instance_config()
    {
        var config = PipelineConfig.Parse("""{"NAME":"p","TYPE":"Void","PLUGINS":[{"SIGNATURE":"A_01","INSTANCES":[{"INSTANCE_ID":"i"}]}]}""");

        var error = Assert.Throws<InvalidConfigException>(() => config.ApplyInstanceUpdate("A_01", "i", ConfigMap.Parse("""{"PROCESS_DELAY":"soon"}""")));

        Assert.Equal(("INSTANCE_CONFIG.PROCESS_DELAY", "\"soon\""), (error.Field, error.Value));
    }
}
