using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Ratio1.Orleans.Contracts.Security;

/// <summary>
/// Ratio1's canonical JSON, byte for byte as Python writes it with
/// <c>json.dumps(sort_keys=True, separators=(',',':'), ensure_ascii=False)</c> after a dump and reload
/// (<c>ratio1/bc/base.py::_dict_to_json</c>): keys sorted by code point, no whitespace, non-ASCII raw, only <c>"</c>,
/// <c>\</c> and control characters escaped (<c>\n \r \t \b \f</c>, others <c>\u00xx</c>), NaN and infinities as
/// <c>null</c>. Number tokens without fraction or exponent stay integers of any size; other numbers are read as doubles
/// and written with Python's float repr (<see cref="SignCanon.V2"/>) or the legacy rule (<see cref="SignCanon.V1"/>).
/// CLR doubles in a <see cref="JsonNode"/> are floats (<c>1.0</c> stays <c>1.0</c> in v2), CLR integers are integers.
/// </summary>
public static class CanonicalJson
{
    /// <summary>The canonical UTF-8 bytes of <paramref name="value"/>.</summary>
    public static byte[] ToUtf8(JsonNode? value, SignCanon canon)
    {
        var output = new Utf8Builder(1024);
        try
        {
            CanonicalJsonWriter.Write(ref output, value, canon);
            return output.Written.ToArray();
        }
        finally
        {
            output.Dispose();
        }
    }

    /// <summary>The canonical UTF-8 bytes of <paramref name="value"/> (same result as for the equivalent <see cref="JsonNode"/>).</summary>
    public static byte[] ToUtf8(JsonElement value, SignCanon canon)
    {
        var output = new Utf8Builder(1024);
        try
        {
            CanonicalJsonWriter.Write(ref output, value, canon);
            return output.Written.ToArray();
        }
        finally
        {
            output.Dispose();
        }
    }

    /// <summary>Writes SHA-256 of the canonical form into <paramref name="digest32"/> without allocating the canonical bytes.</summary>
    public static void Sha256(JsonElement value, SignCanon canon, Span<byte> digest32)
    {
        var output = new Utf8Builder(1024);
        try
        {
            CanonicalJsonWriter.Write(ref output, value, canon);
            SHA256.HashData(output.Written, digest32);
        }
        finally
        {
            output.Dispose();
        }
    }

    /// <summary>Writes SHA-256 of the canonical form into <paramref name="digest32"/> without allocating the canonical bytes.</summary>
    public static void Sha256(JsonNode? value, SignCanon canon, Span<byte> digest32)
    {
        var output = new Utf8Builder(1024);
        try
        {
            CanonicalJsonWriter.Write(ref output, value, canon);
            SHA256.HashData(output.Written, digest32);
        }
        finally
        {
            output.Dispose();
        }
    }
}
