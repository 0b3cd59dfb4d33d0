using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Ratio1.Orleans.Contracts.Security;
using Ratio1.Orleans.Tests.Security.Vectors;

namespace Ratio1.Orleans.Tests.Security;

/// <summary>Canonical JSON is byte for byte what Python's json.dumps writes in Ratio1's signing path.</summary>
public sealed class CanonicalJsonTests
{
    [Theory]
    [MemberData(nameof(SigningVectors.CanonicalNames), MemberType = typeof(SigningVectors))]
    public void Matches_the_python_vectors_in_both_canons(string name)
    {
        var vector = SigningVectors.Named(SigningVectors.Canonical, name);
        using var document = JsonDocument.Parse((string)vector["json"]!, new JsonDocumentOptions { AllowDuplicateProperties = true });

        Assert.Equal((string)vector["v2"]!, Text(CanonicalJson.ToUtf8(document.RootElement, SignCanon.V2)));
        Assert.Equal((string)vector["v1"]!, Text(CanonicalJson.ToUtf8(document.RootElement, SignCanon.V1)));
    }

    [Theory]
    [MemberData(nameof(SigningVectors.CanonicalNames), MemberType = typeof(SigningVectors))]
    public void A_json_node_gives_the_same_bytes_as_its_json_element(string name)
    {
        var text = (string)SigningVectors.Named(SigningVectors.Canonical, name)["json"]!;
        if (name.Contains("duplicate", StringComparison.Ordinal))
        {
            return; // JsonNode refuses duplicate keys.
        }

        using var document = JsonDocument.Parse(text);
        var node = JsonNode.Parse(text);

        Assert.Equal(CanonicalJson.ToUtf8(document.RootElement, SignCanon.V2), CanonicalJson.ToUtf8(node, SignCanon.V2));
        Assert.Equal(CanonicalJson.ToUtf8(document.RootElement, SignCanon.V1), CanonicalJson.ToUtf8(node, SignCanon.V1));
    }

    [Fact]
    public void Every_float_of_the_python_vectors_is_written_as_python_repr_in_v2_and_the_legacy_rule_in_v1()
    {
        var mismatches = new List<string>();
        foreach (var vector in SigningVectors.Floats)
        {
            var token = (string)vector!["token"]!;
            using var document = JsonDocument.Parse($"[{token}]");
            var v2 = Text(CanonicalJson.ToUtf8(document.RootElement, SignCanon.V2))[1..^1];
            var v1 = Text(CanonicalJson.ToUtf8(document.RootElement, SignCanon.V1))[1..^1];
            if (v2 != (string)vector["v2"]! || v1 != (string)vector["v1"]!)
            {
                mismatches.Add($"{token}: v2 {v2} (python {vector["v2"]}), v1 {v1} (python {vector["v1"]})");
            }
        }

        Assert.True(SigningVectors.Floats.Count > 400);
        Assert.Empty(mismatches);
    }

    [Theory]
    [InlineData("1e-07", "1e-07", "1e-07")]
    [InlineData("1e16", "1e+16", "1e+16")]
    [InlineData("1e15", "1000000000000000.0", "1000000000000000")]
    [InlineData("0.1", "0.1", "0.1")]
    [InlineData("1.0", "1.0", "1")]
    [InlineData("-0.0", "-0.0", "0")]
    [InlineData("0.0001", "0.0001", "0.0001")]
    [InlineData("0.00001", "1e-05", "1e-05")]
    [InlineData("2.5e20", "2.5e+20", "250")]
    [InlineData("123456789012345678901234567890", "123456789012345678901234567890", "123456789012345678901234567890")]
    [InlineData("-0", "0", "0")]
    [InlineData("1e400", "null", "null")]
    public void Number_tokens_are_written_as_python_reads_and_writes_them(string token, string v2, string v1)
    {
        using var document = JsonDocument.Parse(token);

        Assert.Equal(v2, Text(CanonicalJson.ToUtf8(document.RootElement, SignCanon.V2)));
        Assert.Equal(v1, Text(CanonicalJson.ToUtf8(document.RootElement, SignCanon.V1)));
    }

    [Fact]
    public void Clr_doubles_are_floats_and_clr_integers_are_integers()
    {
        var node = new JsonObject { ["f"] = 1.0, ["i"] = 1, ["l"] = 10_000_000_000L, ["s"] = 2.5f, ["m"] = 1.50m };

        Assert.Equal("{\"f\":1.0,\"i\":1,\"l\":10000000000,\"m\":1.5,\"s\":2.5}", Text(CanonicalJson.ToUtf8(node, SignCanon.V2)));
        Assert.Equal("{\"f\":1,\"i\":1,\"l\":10000000000,\"m\":1.5,\"s\":2.5}", Text(CanonicalJson.ToUtf8(node, SignCanon.V1)));
    }

    [Fact]
    public void Nan_and_infinities_are_written_as_null()
    {
        var node = new JsonObject { ["nan"] = double.NaN, ["inf"] = double.PositiveInfinity, ["list"] = new JsonArray(double.NegativeInfinity, 1.5) };

        Assert.Equal("{\"inf\":null,\"list\":[null,1.5],\"nan\":null}", Text(CanonicalJson.ToUtf8(node, SignCanon.V2)));
    }

    [Fact]
    public void Strings_are_escaped_as_python_does_with_non_ascii_raw()
    {
        var node = new JsonObject { ["s"] = "a\"b\\c/d\n\r\t\b\f\u0001\u001f\u007f é 中 😀 <>&+'" };

        Assert.Equal("{\"s\":\"a\\\"b\\\\c/d\\n\\r\\t\\b\\f\\u0001\\u001f\u007f é 中 😀 <>&+'\"}", Text(CanonicalJson.ToUtf8(node, SignCanon.V2)));
    }

    [Fact]
    public void Keys_are_sorted_by_code_point_so_astral_characters_sort_after_the_private_use_area()
    {
        var node = new JsonObject { ["😀"] = 1, ["\uffff"] = 2, ["\ue000"] = 3, ["é"] = 4, ["10"] = 5, ["2"] = 6, ["Z"] = 7, ["a"] = 8 };

        Assert.Equal("{\"10\":5,\"2\":6,\"Z\":7,\"a\":8,\"é\":4,\"\ue000\":3,\"\uffff\":2,\"😀\":1}", Text(CanonicalJson.ToUtf8(node, SignCanon.V2)));
    }

    [Fact]
    public void The_sha256_of_the_canonical_form_is_that_of_its_bytes()
    {
        using var document = JsonDocument.Parse("{\"b\":[1.0,2],\"a\":\"x\"}");
        Span<byte> digest = stackalloc byte[32];

        CanonicalJson.Sha256(document.RootElement, SignCanon.V2, digest);

        Assert.Equal(System.Security.Cryptography.SHA256.HashData(CanonicalJson.ToUtf8(document.RootElement, SignCanon.V2)), digest.ToArray());
    }

    private static string Text(byte[] utf8) => Encoding.UTF8.GetString(utf8);
}
