using System.Collections.Immutable;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Serialization;
using Ratio1.Orleans.Contracts.Config;
using Ratio1.Orleans.Contracts.Errors;
using Ratio1.Orleans.Contracts.Nodes;
using Ratio1.Orleans.Contracts.Pipelines;

namespace Ratio1.Orleans.Tests.Contracts;

public sealed class WireSerializationTests
{
    private readonly Serializer _serializer = new ServiceCollection().AddSerializer().BuildServiceProvider().GetRequiredService<Serializer>();

    private T RoundTrip<T>(T value) => _serializer.Deserialize<T>(_serializer.SerializeToArray(value))!;

    [Fact]
    public void Pipeline_config_survives_the_orleans_wire_format()
    {
        var config = PipelineConfig.Parse("""{"NAME":"p1","TYPE":"Void","CAP_RESOLUTION":1.0,"X":{"a":[1,2.50,null,true]},"PLUGINS":[{"SIGNATURE":"A_01","INSTANCES":[{"INSTANCE_ID":"i1","PROCESS_DELAY":2}]}]}""");

        var copy = RoundTrip(config);

        Assert.Equal(config, copy);
        Assert.Equal(config.ToJson(), copy.ToJson());
    }

    [Fact]
    public void Invalid_config_error_keeps_its_fields_across_the_wire()
    {
        var error = new InvalidConfigException("PLUGINS[0].SIGNATURE", null, "is required");

        var copy = RoundTrip<Exception>(error);

        var typed = Assert.IsType<InvalidConfigException>(copy);
        Assert.Equal("PLUGINS[0].SIGNATURE", typed.Field);
        Assert.Equal(error.Message, typed.Message);
    }

    [Fact]
    public void Conflict_error_keeps_its_versions_across_the_wire()
    {
        var copy = Assert.IsType<ConfigConflictException>(RoundTrip<Exception>(new ConfigConflictException("n1", "p1", 3, 4)));

        Assert.Equal((3, 4, "n1", "p1"), (copy.ExpectedVersion, copy.ActualVersion, copy.Node, copy.Pipeline));
    }

    [Fact]
    public void What_a_node_offers_crosses_the_wire_in_one_value_with_its_rules_and_unknowns_kept_null()
    {
        var rules = ConfigMap.Parse("""{"LEVEL":{"TYPE":"int","MIN_VAL":1,"MAX_VAL":10}}""");
        var offer = new NodeOffer(["LEVEL_01"], [new CaptureTypeInfo("TEST_LEVEL", "levels", rules)], [new PluginTypeInfo("LEVEL_01", "levels", rules)]);

        var copy = RoundTrip(offer);
        var older = RoundTrip(new NodeOffer(["ECHO_01"], null, null));

        Assert.Equal("LEVEL_01", Assert.Single(copy.Signatures));
        Assert.Equal(rules, Assert.Single(copy.CaptureTypes!.Value).Rules);
        Assert.Equal(("LEVEL_01", rules), (Assert.Single(copy.Plugins!.Value).Signature, copy.Plugins!.Value[0].Rules));
        Assert.Equal((null, null), (older.CaptureTypes, older.Plugins));
    }

    [Fact]
    public void A_registration_keeps_its_capture_types_and_their_rules_across_the_wire()
    {
        var rules = ConfigMap.Parse("""{"URL":{"TYPE":"str","REQUIRED":true,"MIN_LEN":1}}""");
        var registration = Registration() with { CaptureTypes = [new CaptureTypeInfo("VideoFile", "Frames of a video file", rules)] };

        var copy = RoundTrip(registration);

        var type = Assert.Single(copy.CaptureTypes!.Value);
        Assert.Equal(("VideoFile", "Frames of a video file", rules), (type.Type, type.Description, type.Rules));
    }

    [Fact]
    public void A_registration_without_capture_types_stays_without_them_across_the_wire()
    {
        Assert.Null(RoundTrip(Registration()).CaptureTypes);
    }

    private static NodeRegistration Registration() =>
        new("n1", "n1", ImmutableDictionary<string, string>.Empty, ["ECHO_01"], "1.0", "host", "S1", DateTimeOffset.UnixEpoch);
}
