using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization.Metadata;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Serialization;
using Ratio1.Orleans.Storage.Serialization;

namespace Ratio1.Orleans.Tests.Storage;

/// <summary>Stored state is explicit, versioned JSON that survives renames and upgrades, never CLR type names.</summary>
public sealed class VersionedStateSerializerTests
{
    private static readonly Serializer Binary = new ServiceCollection().AddSerializer().BuildServiceProvider().GetRequiredService<Serializer>();

    [Fact]
    public void Stored_state_is_json_naming_its_contract_and_version_without_type_names()
    {
        var serializer = Serializer(new StateContract<CounterV1>("test.counter", 1, TypeInfo<CounterV1>()));

        var json = serializer.Serialize(new CounterV1 { Count = 3 }).ToString();

        Assert.Equal("""{"contract":"test.counter","version":1,"state":{"Count":3}}""", json);
        Assert.DoesNotContain("$type", json);
    }

    [Fact]
    public void A_renamed_state_type_still_reads_what_the_old_type_wrote()
    {
        var stored = Serializer(new StateContract<CounterV1>("test.counter", 1, TypeInfo<CounterV1>())).Serialize(new CounterV1 { Count = 7 });

        var renamed = Serializer(new StateContract<RenamedCounter>("test.counter", 1, TypeInfo<RenamedCounter>())).Deserialize<RenamedCounter>(stored);

        Assert.Equal(7, renamed.Count);
    }

    [Fact]
    public void A_document_written_by_an_older_version_is_upgraded_on_read()
    {
        var stored = Serializer(new StateContract<CounterV1>("test.counter", 1, TypeInfo<CounterV1>())).Serialize(new CounterV1 { Count = 4 });
        var v2 = new StateContract<CounterV2>("test.counter", 2, TypeInfo<CounterV2>())
            .WithUpgrade(1, document => new JsonObject { ["Total"] = document!["Count"]!.GetValue<int>(), ["Unit"] = "items" });

        var upgraded = Serializer(v2).Deserialize<CounterV2>(stored);

        Assert.Equal((4, "items"), (upgraded.Total, upgraded.Unit));
    }

    [Fact]
    public void A_document_from_a_newer_version_is_refused_with_a_clear_error()
    {
        var stored = Serializer(new StateContract<CounterV2>("test.counter", 2, TypeInfo<CounterV2>())).Serialize(new CounterV2 { Total = 1 });

        var error = Assert.Throws<StateFormatException>(() => Serializer(new StateContract<CounterV1>("test.counter", 1, TypeInfo<CounterV1>())).Deserialize<CounterV1>(stored));

        Assert.Contains("version 2, newer than this build reads (1)", error.Message);
    }

    [Fact]
    public void A_document_of_another_contract_is_refused()
    {
        var serializer = Serializer(new StateContract<CounterV1>("test.counter", 1, TypeInfo<CounterV1>()), new StateContract<CounterV2>("test.other", 1, TypeInfo<CounterV2>()));
        var stored = serializer.Serialize(new CounterV1 { Count = 1 });

        var error = Assert.Throws<StateFormatException>(() => serializer.Deserialize<CounterV2>(stored));

        Assert.Contains("'test.counter' document where 'test.other' was expected", error.Message);
    }

    [Fact]
    public void A_type_without_a_contract_falls_back_to_the_orleans_binary_format()
    {
        var serializer = Serializer();

        var stored = serializer.Serialize(new List<string> { "a", "b" });

        Assert.NotEqual((byte)'{', stored.ToMemory().Span[0]);
        Assert.Equal(["a", "b"], serializer.Deserialize<List<string>>(stored));
    }

    private static VersionedStateSerializer Serializer(params StateContract[] contracts) => new(new StateContractRegistry(contracts), Binary);

    private static JsonTypeInfo<T> TypeInfo<T>() => (JsonTypeInfo<T>)JsonSerializerOptions.Default.GetTypeInfo(typeof(T));

    public sealed class CounterV1
    {
        public int Count { get; set; }
    }

    public sealed class RenamedCounter
    {
        public int Count { get; set; }
    }

    public sealed class CounterV2
    {
        public int Total { get; set; }

        public string Unit { get; set; } = string.Empty;
    }
}
