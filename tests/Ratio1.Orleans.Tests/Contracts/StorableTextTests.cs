using Microsoft.Extensions.DependencyInjection;
using Orleans.Serialization;
using Ratio1.Orleans.Contracts.Config;
using Ratio1.Orleans.Contracts.Errors;
using Ratio1.Orleans.Contracts.Pipelines;

namespace Ratio1.Orleans.Tests.Contracts;

/// <summary>
/// Text storage cannot hold (a NUL character, an unpaired surrogate) is refused in configs, naming the field and why;
/// it is never rewritten, not even on the wire.
/// </summary>
public sealed class StorableTextTests
{
    private const string Nul = "contains a NUL character (U+0000), which storage cannot hold";
    private const string Unpaired = "contains an unpaired surrogate (U+D800), which is not valid Unicode text";

    private readonly Serializer _serializer = new ServiceCollection().AddSerializer().BuildServiceProvider().GetRequiredService<Serializer>();

    [Fact]
    public void A_NUL_in_an_instance_value_is_refused_naming_the_field_and_why()
    {
        var error = Assert.Throws<InvalidConfigException>(() => PipelineConfig.Parse(Pipeline("""{"INSTANCE_ID":"i1","NOTE":"a\u0000b"}""")));

        Assert.Equal("""PLUGINS[0].INSTANCES[0].NOTE = "a\u0000b": contains a NUL character (U+0000), which storage cannot hold""", Assert.Single(error.Errors).ToString());
    }

    [Fact]
    public void A_NUL_in_a_nested_key_is_refused_with_the_key_escaped_in_the_path()
    {
        var error = Assert.Throws<InvalidConfigException>(() => PipelineConfig.Parse(Pipeline("""{"INSTANCE_ID":"i1","MAP":{"LIST":[1,{"k\u0000":2}]}}""")));

        var problem = Assert.Single(error.Errors);
        Assert.Equal(("PLUGINS[0].INSTANCES[0].MAP.LIST[1].k\\u0000", "\"k\\u0000\"", "the key " + Nul), (problem.Field, problem.Value, problem.Reason));
    }

    [Fact]
    public void A_NUL_in_the_pipeline_name_is_refused_for_that_reason_alone()
    {
        var error = Assert.Throws<InvalidConfigException>(() => PipelineConfig.Parse("""{"NAME":"p\u0000","TYPE":"Void"}"""));

        Assert.Equal(("NAME", Nul), (Assert.Single(error.Errors).Field, error.Errors[0].Reason));
    }

    [Fact]
    public void A_NUL_in_an_instance_delta_is_refused_under_the_delta_prefix()
    {
        var config = PipelineConfig.Parse(Pipeline("""{"INSTANCE_ID":"i1"}"""));

        var error = Assert.Throws<InvalidConfigException>(() => config.ApplyInstanceUpdate("A_01", "i1", ConfigMap.Parse("""{"X.Y":"\u0000"}""")));

        Assert.Equal(("INSTANCE_CONFIG.X.Y", Nul), (Assert.Single(error.Errors).Field, error.Errors[0].Reason));
    }

    [Fact]
    public void An_escaped_unpaired_surrogate_in_JSON_is_refused_naming_the_field()
    {
        var error = Assert.Throws<InvalidConfigException>(() => ConfigJson.Parse("""{"A":{"B":["ok","x\ud800"]}}"""));

        Assert.Equal("""A.B[1] = "x\ud800": contains an unpaired surrogate (U+D800), which is not valid Unicode text""", Assert.Single(error.Errors).ToString());
    }

    [Fact]
    public void An_escaped_unpaired_surrogate_in_a_key_is_refused_naming_the_key()
    {
        var error = Assert.Throws<InvalidConfigException>(() => ConfigJson.Parse("""{"A":{"\udc00":1}}"""));

        Assert.Equal(("A.\\udc00", "the key contains an unpaired surrogate (U+DC00), which is not valid Unicode text"), (error.Field, error.Errors[0].Reason));
    }

    [Fact]
    public void A_raw_unpaired_surrogate_in_JSON_text_is_refused_naming_the_field_not_rewritten()
    {
        var error = Assert.Throws<InvalidConfigException>(() => ConfigJson.Parse("{\"NOTE\": \"a\ud800b\"}"));

        Assert.Equal(("NOTE", "\"a\\ud800b\"", Unpaired), (error.Field, error.Value, error.Errors[0].Reason));
    }

    [Fact]
    public void A_raw_unpaired_surrogate_outside_a_string_is_malformed_JSON_with_its_position()
    {
        var error = Assert.Throws<InvalidConfigException>(() => ConfigJson.Parse("{\n  \"A\": 1\ud800}"));

        Assert.Contains("malformed JSON at line 2, position 9: an unpaired surrogate (U+D800) outside a string", error.Errors[0].Reason);
    }

    [Fact]
    public void Paired_surrogates_escaped_or_raw_are_ordinary_text()
    {
        Assert.Equal("😀", ConfigJson.Parse("\"\\ud83d\\ude00\"").AsString());
        Assert.Equal("😀", ConfigJson.Parse("\"😀\"").AsString());
        Assert.Equal("😀", PipelineConfig.Parse(Pipeline("""{"INSTANCE_ID":"i1","NOTE":"😀"}""")).FindInstance("A_01", "i1")!.Settings["NOTE"].AsString());
    }

    [Fact]
    public void Invalid_UTF_8_is_refused_naming_the_field_and_the_byte()
    {
        byte[] json = [.. "{\"A\":\"x"u8, 0xFF, .. "\"}"u8];

        var error = Assert.Throws<InvalidConfigException>(() => ConfigJson.Parse(json));

        Assert.Equal(("A", "contains invalid UTF-8 (byte 0xFF at byte offset 7)"), (error.Field, error.Errors[0].Reason));
    }

    [Fact]
    public void An_unpaired_surrogate_from_the_library_is_refused_by_the_config_reader()
    {
        var document = ConfigMap.Parse(Pipeline("""{"INSTANCE_ID":"i1"}"""));
        var delta = ConfigMap.Empty.SetItem("NOTE", "a\ud800");

        var error = Assert.Throws<InvalidConfigException>(() => PipelineConfig.FromMap(document).ApplyInstanceUpdate("A_01", "i1", delta));

        Assert.Equal("""INSTANCE_CONFIG.NOTE = "a\ud800": contains an unpaired surrogate (U+D800), which is not valid Unicode text""", Assert.Single(error.Errors).ToString());
    }

    [Fact]
    public void An_unpaired_surrogate_crosses_the_wire_unchanged_so_the_node_can_refuse_it()
    {
        var map = ConfigMap.Empty.SetItem("NOTE", "a\ud800").SetItem("k\udc00", 1);

        var copy = _serializer.Deserialize<ConfigMap>(_serializer.SerializeToArray(map))!;

        Assert.Equal("a\ud800", copy["NOTE"].AsString());
        Assert.True(copy.ContainsKey("k\udc00"));
    }

    [Fact]
    public void What_the_state_serializer_writes_it_reads_back_unchanged_unpaired_surrogates_included()
    {
        var options = new System.Text.Json.JsonSerializerOptions { Converters = { new ConfigMapJsonConverter() } };
        var map = ConfigMap.Empty.SetItem("NOTE", "a\ud800").SetItem("k\udc00", "\u0000");

        var copy = System.Text.Json.JsonSerializer.Deserialize<ConfigMap>(System.Text.Json.JsonSerializer.Serialize(map, options), options)!;

        Assert.Equal(map, copy);
    }

    [Fact]
    public void Text_with_an_unpaired_surrogate_is_written_as_its_escape_not_as_a_replacement()
    {
        var map = ConfigMap.Empty.SetItem("NOTE", "a\ud800").SetItem("nested", ConfigMap.Empty.SetItem("k\udc00", "v"));

        Assert.Equal("""{"NOTE":"a\ud800","nested":{"k\udc00":"v"}}""", map.ToJson());
    }

    [Fact]
    public void A_NUL_is_ordinary_JSON_outside_configs()
    {
        Assert.Equal("a\0b", ConfigJson.Parse("\"a\\u0000b\"").AsString());
    }

    private static string Pipeline(string instance) => $$"""{"NAME":"p1","TYPE":"Void","PLUGINS":[{"SIGNATURE":"A_01","INSTANCES":[{{instance}}]}]}""";
}
