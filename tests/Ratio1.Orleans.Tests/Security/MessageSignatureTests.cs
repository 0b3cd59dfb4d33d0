using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Ratio1.Orleans.Contracts.Security;
using Ratio1.Orleans.Tests.Security.Vectors;

namespace Ratio1.Orleans.Tests.Security;

/// <summary>Ratio1 signed messages (EE_HASH, EE_SIGN, EE_SENDER, SIGN_CANON_V) verify and sign as Ratio1 does.</summary>
public sealed class MessageSignatureTests
{
    [Theory]
    [MemberData(nameof(SigningVectors.RealMessageNames), MemberType = typeof(SigningVectors))]
    public void Real_messages_signed_by_ratio1_software_verify(string name)
    {
        var message = (JsonObject)SigningVectors.Named(SigningVectors.RealMessages, name)["message"]!.DeepClone();

        var result = MessageSignature.Verify(message);

        Assert.True(result.Valid, result.Failure);
        Assert.Equal((string?)message["EE_SENDER"], result.Sender);
    }

    [Theory]
    [MemberData(nameof(SigningVectors.RealMessageNames), MemberType = typeof(SigningVectors))]
    public void Real_messages_verify_from_a_json_element_too(string name)
    {
        var message = SigningVectors.Element(SigningVectors.Named(SigningVectors.RealMessages, name)["message"]!);

        Assert.True(MessageSignature.Verify(message).Valid);
    }

    [Theory]
    [MemberData(nameof(SigningVectors.SignedNames), MemberType = typeof(SigningVectors))]
    public void Messages_signed_by_python_verify_under_their_canon(string name)
    {
        var vector = SigningVectors.Named(SigningVectors.Signed["messages"]!.AsArray(), name);
        var message = (JsonObject)vector["message"]!.DeepClone();

        var result = MessageSignature.Verify(message);

        Assert.True(result.Valid, result.Failure);
        Assert.Equal((string)vector["canon"]! == "v1" ? SignCanon.V1 : SignCanon.V2, result.Canon);
        Assert.Equal((string)SigningVectors.Signed["address"]!, result.Sender);
    }

    [Fact]
    public void A_high_s_signature_from_python_is_accepted()
    {
        var vector = SigningVectors.Named(SigningVectors.Signed["messages"]!.AsArray(), "v2 high-S signature");
        var der = Convert.FromBase64String(((string)vector["message"]!["EE_SIGN"]!).Replace('-', '+').Replace('_', '/'));
        Assert.True(HighS(der), "the vector's signature should be high-S");

        Assert.True(MessageSignature.Verify((JsonObject)vector["message"]!.DeepClone()).Valid);
    }

    [Fact]
    public void A_real_high_s_signature_is_accepted()
    {
        var message = (JsonObject)SigningVectors.Named(SigningVectors.RealMessages, "NET_MON_01 history request from a Ratio1 client (SolisClient), high-S signature")["message"]!.DeepClone();
        var der = Convert.FromBase64String(((string)message["EE_SIGN"]!).Replace('-', '+').Replace('_', '/'));

        Assert.True(HighS(der));
        Assert.True(MessageSignature.Verify(message).Valid);
    }

    [Fact]
    public void A_message_signed_here_verifies_under_each_canon()
    {
        using var identity = Ratio1Identity.Create();
        foreach (var canon in new[] { SignCanon.V1, SignCanon.V2 })
        {
            var message = Command();
            identity.Sign(message, canon);

            var result = MessageSignature.Verify(message);

            Assert.True(result.Valid, result.Failure);
            Assert.Equal(canon, result.Canon);
            Assert.Equal(identity.Address, result.Sender);
            Assert.Equal(canon == SignCanon.V1 ? "v1" : "v2", (string?)message["SIGN_CANON_V"]);
        }
    }

    [Fact]
    public void Signing_puts_the_hash_of_the_canonical_data_in_ee_hash()
    {
        using var identity = Ratio1Identity.Create();
        var message = Command();

        identity.Sign(message, SignCanon.V2);

        var data = Command();
        data["SIGN_CANON_V"] = "v2";
        Assert.Equal(MessageSignature.HashHex(CanonicalJson.ToUtf8(data, SignCanon.V2)), (string?)message["EE_HASH"]);
    }

    [Fact]
    public void A_value_changed_after_signing_is_a_corrupted_digest_naming_both_hashes()
    {
        using var identity = Ratio1Identity.Create();
        var message = Command();
        identity.Sign(message);
        var signedHash = (string)message["EE_HASH"]!;

        message["PAYLOAD"]!["THRESHOLD"] = 0.75;
        var result = MessageSignature.Verify(message);

        Assert.False(result.Valid);
        Assert.Null(result.Canon);
        Assert.Contains("corrupted digest", result.Failure, StringComparison.Ordinal);
        Assert.Contains(signedHash, result.Failure, StringComparison.Ordinal);
    }

    [Fact]
    public void A_message_rehashed_after_a_change_fails_on_the_signature()
    {
        using var identity = Ratio1Identity.Create();
        var message = Command();
        identity.Sign(message);

        message["PAYLOAD"]!["THRESHOLD"] = 0.75;
        Span<byte> digest = stackalloc byte[32];
        MessageSignature.ComputeDigest(message, SignCanon.V2, digest);
        message["EE_HASH"] = Convert.ToHexStringLower(digest);
        var result = MessageSignature.Verify(message);

        Assert.False(result.Valid);
        Assert.Equal("v2: the signature does not verify", result.Failure);
    }

    [Fact]
    public void A_signature_by_another_key_does_not_verify()
    {
        using var signer = Ratio1Identity.Create();
        using var impostor = Ratio1Identity.Create();
        var message = Command();
        signer.Sign(message);

        message["EE_SENDER"] = impostor.Address;

        Assert.Contains("the signature does not verify", MessageSignature.Verify(message).Failure, StringComparison.Ordinal);
    }

    [Fact]
    public void A_real_message_with_one_value_changed_is_refused()
    {
        var message = (JsonObject)SigningVectors.RealMessages[0]!["message"]!.DeepClone();

        message["9"] = 10;
        var result = MessageSignature.Verify(message);

        Assert.False(result.Valid);
        Assert.Contains("corrupted digest", result.Failure, StringComparison.Ordinal);
    }

    [Fact]
    public void A_missing_signature_is_named()
    {
        using var identity = Ratio1Identity.Create();
        var message = Command();
        identity.Sign(message);

        message.Remove("EE_SIGN");

        Assert.Equal(new MessageVerification(false, null, identity.Address, "missing EE_SIGN (the signature)"), MessageSignature.Verify(message));
    }

    [Fact]
    public void A_missing_sender_is_named()
    {
        var message = Command();
        message["EE_SIGN"] = "MEQCIA==";

        Assert.Equal("missing EE_SENDER (the sender's address)", MessageSignature.Verify(message).Failure);
    }

    [Fact]
    public void A_bad_sender_address_is_named()
    {
        using var identity = Ratio1Identity.Create();
        var message = Command();
        identity.Sign(message);

        message["EE_SENDER"] = "0xai_nope";

        Assert.StartsWith("bad sender address '0xai_nope'", MessageSignature.Verify(message).Failure, StringComparison.Ordinal);
    }

    [Fact]
    public void A_hash_that_is_not_a_string_is_refused()
    {
        using var identity = Ratio1Identity.Create();
        var message = Command();
        identity.Sign(message);

        message["EE_HASH"] = 12;

        Assert.StartsWith("EE_HASH is not a string", MessageSignature.Verify(message).Failure, StringComparison.Ordinal);
    }

    [Fact]
    public void An_unknown_canon_version_is_refused()
    {
        using var identity = Ratio1Identity.Create();
        var message = Command();
        identity.Sign(message);

        message["SIGN_CANON_V"] = "v3";

        Assert.StartsWith("unknown signing canon version 'v3'", MessageSignature.Verify(message).Failure, StringComparison.Ordinal);
    }

    [Fact]
    public void A_v1_message_claimed_as_v2_does_not_verify()
    {
        using var identity = Ratio1Identity.Create();
        var message = Command();
        identity.Sign(message, SignCanon.V1);

        message["SIGN_CANON_V"] = "v2";

        Assert.False(MessageSignature.Verify(message).Valid);
    }

    [Fact]
    public void An_unversioned_legacy_message_verifies_only_under_v1()
    {
        var vector = SigningVectors.Named(SigningVectors.Signed["messages"]!.AsArray(), "unversioned v1");
        var message = (JsonObject)vector["message"]!.DeepClone();

        var result = MessageSignature.Verify(message);

        Assert.Equal(SignCanon.V1, result.Canon);
        message["SIGN_CANON_V"] = "v2";
        Assert.False(MessageSignature.Verify(message).Valid);
    }

    [Theory]
    [InlineData("")]
    [InlineData("not base64 !")]
    [InlineData("MEQCIA==")]
    [InlineData("AAAA")]
    public void Verifying_a_malformed_signature_is_false_not_an_exception(string signature)
    {
        using var identity = Ratio1Identity.Create();
        var digest = SHA256.HashData("x"u8);

        Assert.False(MessageSignature.VerifyDigest(identity.PublicKey, digest, signature));
        Assert.False(MessageSignature.VerifyDigest(new byte[33], digest, identity.SignDigest(digest)));
        Assert.False(MessageSignature.VerifyDigest(identity.PublicKey, digest.AsSpan(0, 31), identity.SignDigest(digest)));
    }

    [Fact]
    public void A_signed_digest_verifies_under_the_signer_key()
    {
        using var identity = Ratio1Identity.Create();
        var digest = SHA256.HashData(Encoding.UTF8.GetBytes("{\"a\":1}"));

        Assert.True(MessageSignature.VerifyDigest(identity.PublicKey, digest, identity.SignDigest(digest)));
    }

    [Fact]
    public void Signing_replaces_an_earlier_signature()
    {
        using var first = Ratio1Identity.Create();
        using var second = Ratio1Identity.Create();
        var message = Command();
        first.Sign(message, SignCanon.V1);

        second.Sign(message, SignCanon.V2);

        var result = MessageSignature.Verify(message);
        Assert.True(result.Valid, result.Failure);
        Assert.Equal(second.Address, result.Sender);
        Assert.Equal(SignCanon.V2, result.Canon);
    }

    [Fact]
    public void A_message_signed_here_survives_a_trip_through_its_canonical_text()
    {
        using var identity = Ratio1Identity.Create();
        var message = Command();
        identity.Sign(message, SignCanon.V2);

        var text = CanonicalJson.ToUtf8(message, SignCanon.V2);

        Assert.True(MessageSignature.Verify(JsonNode.Parse(text)!.AsObject()).Valid);
        using var document = JsonDocument.Parse(text);
        Assert.True(MessageSignature.Verify(document.RootElement).Valid);
    }

    [Fact]
    public void System_text_json_writes_the_double_1_0_as_1_so_its_text_of_a_v2_message_no_longer_verifies()
    {
        using var identity = Ratio1Identity.Create();
        var message = Command();
        identity.Sign(message, SignCanon.V2);

        var text = message.ToJsonString();

        Assert.Contains("\"ONE\":1,", text, StringComparison.Ordinal);
        Assert.Contains("corrupted digest", MessageSignature.Verify(JsonNode.Parse(text)!.AsObject()).Failure, StringComparison.Ordinal);
    }

    private static JsonObject Command() => new()
    {
        ["ACTION"] = "UPDATE_CONFIG",
        ["EE_ID"] = "node-1",
        ["TIME"] = "2026-12-02 06:30:00.123456",
        ["PAYLOAD"] = new JsonObject
        {
            ["NAME"] = "cam-ț",
            ["TYPE"] = "Void",
            ["THRESHOLD"] = 0.5,
            ["ONE"] = 1.0,
            ["TINY"] = 1e-7,
            ["PLUGINS"] = new JsonArray(new JsonObject { ["SIGNATURE"] = "A", ["INSTANCES"] = new JsonArray(new JsonObject { ["INSTANCE_ID"] = "i1" }) }),
        },
    };

    // DER: 30 len 02 rlen r 02 slen s; high-S when s > n/2.
    private static bool HighS(byte[] der)
    {
        var rLength = der[3];
        var sLength = der[4 + rLength + 1];
        var s = new System.Numerics.BigInteger(der.AsSpan(4 + rLength + 2, sLength), isUnsigned: true, isBigEndian: true);
        var half = System.Numerics.BigInteger.Parse("7FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFF5D576E7357A4501DDFE92F46681B20A0", System.Globalization.NumberStyles.HexNumber);
        return s > half;
    }
}
