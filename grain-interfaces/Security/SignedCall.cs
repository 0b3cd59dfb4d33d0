using System.Buffers;
using System.Collections.Concurrent;
using System.Reflection;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Orleans.Serialization.Invocation;

namespace Ratio1.Orleans.Contracts.Security;

/// <summary>
/// The canonical document of one grain call, as both sides build it: the client signs it, the silo rebuilds it from
/// the call it received and verifies the signature against it. It is a Ratio1 signed message, so <c>r1ctl verify</c>
/// checks a stored one like any message of a Ratio1 network:
/// <code>{"ACTION":"r1.IPipelineGrain/update-config","EE_DEST":"r1.pipeline/pipeline:n1/p",
///  "NONCE":"…","PAYLOAD":{"payload":{…},"request":{…}},"SIGN_CANON_V":"v2","TIME":1764650000000,
///  "EE_SENDER":"0xai_…","EE_HASH":"…","EE_SIGN":"…"}</code>
/// <c>PAYLOAD</c> holds the call's arguments by parameter name (cancellation tokens left out) as JSON.
/// </summary>
public sealed class SignedCall
{
    /// <summary>The canon every signed call uses.</summary>
    public const SignCanon Canon = SignCanon.V2;

    private readonly ConcurrentDictionary<MethodInfo, CallShape> _shapes = new();

    /// <summary>The action name of a grain method: its interface's and its own <c>[Alias]</c>, which survive renames.</summary>
    public string ActionOf(MethodInfo method) => ShapeOf(method).Action;

    /// <summary>Signs a call: the credential to attach to it.</summary>
    public RequestCredential Sign(Ratio1Identity identity, MethodInfo method, GrainId target, IInvokable request, long timeMs, string nonce)
    {
        var digest = Digest(method, target, request, timeMs, nonce, keepCanonical: false, out _);
        return new RequestCredential(identity.Address, timeMs, nonce, Convert.ToHexStringLower(digest), identity.SignDigest(digest));
    }

    /// <summary>
    /// Rebuilds the document of a received call from the call and its credential and checks the credential's hash and
    /// signature against it. Returns null when both hold, else why not.
    /// </summary>
    /// <param name="document">The full signed document (with <c>EE_SENDER</c>, <c>EE_HASH</c>, <c>EE_SIGN</c>) when <paramref name="keepDocument"/>.</param>
    public string? Verify(RequestCredential credential, MethodInfo method, GrainId target, IInvokable request, bool keepDocument, out string? document)
    {
        document = null;
        if (!Ratio1Address.TryParse(credential.Sender, out var publicKey))
        {
            return $"EE_SENDER '{Shorten(credential.Sender)}' is not a valid address";
        }

        var digest = Digest(method, target, request, credential.Time, credential.Nonce, keepDocument, out var canonical);
        var hash = Convert.ToHexStringLower(digest);
        if (!string.Equals(hash, credential.Hash, StringComparison.Ordinal))
        {
            return $"the request was modified after signing (EE_HASH {Shorten(credential.Hash)} signed, {hash[..16]}… received)";
        }

        if (!MessageSignature.VerifyDigest(publicKey, digest, credential.Signature))
        {
            return "EE_SIGN does not verify with the key of EE_SENDER";
        }

        if (keepDocument)
        {
            document = WithSignatureFields(canonical!, credential);
        }

        return null;
    }

    /// <summary>
    /// The signed document: the canonical form with <c>EE_HASH</c>, <c>EE_SENDER</c> and <c>EE_SIGN</c> added where
    /// sorting puts them (between <c>EE_DEST</c> and <c>NONCE</c>), without parsing and writing the document again.
    /// </summary>
    private static string WithSignatureFields(byte[] canonical, RequestCredential credential)
    {
        // ACTION and EE_DEST come first and are strings, in which a quote is always escaped: the first ',"NONCE":'
        // is the key's own.
        var text = Encoding.UTF8.GetString(canonical);
        var at = text.IndexOf(",\"NONCE\":", StringComparison.Ordinal);
        var fields = new StringBuilder(text.Length + 256);
        fields.Append(text, 0, at)
            .Append(",\"EE_HASH\":\"").Append(credential.Hash)
            .Append("\",\"EE_SENDER\":\"").Append(credential.Sender)
            .Append("\",\"EE_SIGN\":\"").Append(credential.Signature).Append('"')
            .Append(text, at, text.Length - at);
        return fields.ToString();
    }

    private byte[] Digest(MethodInfo method, GrainId target, IInvokable request, long timeMs, string nonce, bool keepCanonical, out byte[]? canonical)
    {
        var shape = ShapeOf(method);
        var buffer = new ArrayBufferWriter<byte>(512);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteString("ACTION", shape.Action);
            writer.WriteString("EE_DEST", target.ToString());
            writer.WriteString("NONCE", nonce);
            writer.WritePropertyName("PAYLOAD");
            writer.WriteStartObject();
            for (var i = 0; i < shape.Parameters.Length; i++)
            {
                if (shape.Parameters[i] is { } name)
                {
                    writer.WritePropertyName(name);
                    CallArguments.Write(writer, request.GetArgument(i));
                }
            }

            writer.WriteEndObject();
            // In the hashed form for canon v2, as Ratio1 does; EE_SENDER is bound by the signature, not the hash.
            writer.WriteString("SIGN_CANON_V", "v2");
            writer.WriteNumber("TIME", timeMs);
            writer.WriteEndObject();
        }

        using var parsed = JsonDocument.Parse(buffer.WrittenMemory);
        if (!keepCanonical)
        {
            // The common case (signing, and checking a read): hashed without materialising the canonical bytes.
            canonical = null;
            var digest = new byte[32];
            CanonicalJson.Sha256(parsed.RootElement, Canon, digest);
            return digest;
        }

        canonical = CanonicalJson.ToUtf8(parsed.RootElement, Canon);
        return SHA256.HashData(canonical);
    }

    private CallShape ShapeOf(MethodInfo method) => _shapes.GetOrAdd(method, static m => new CallShape(
        $"{AliasOf(m.DeclaringType!) ?? m.DeclaringType!.FullName}/{m.GetCustomAttribute<AliasAttribute>()?.Alias ?? m.Name}",
        [.. m.GetParameters().Select(p => p.ParameterType == typeof(CancellationToken) || p.ParameterType == typeof(GrainCancellationToken) ? null : p.Name)]));

    private static string? AliasOf(Type type) => type.GetCustomAttribute<AliasAttribute>()?.Alias;

    private static string Shorten(string text) => text.Length <= 24 ? text : text[..24] + "…";

    private sealed record CallShape(string Action, string?[] Parameters);
}
