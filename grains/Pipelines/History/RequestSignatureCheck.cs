using System.Text.Json.Nodes;
using Ratio1.Orleans.Contracts.Security;

namespace Ratio1.Orleans.Grains.Pipelines.History;

/// <summary>Verifies the signature of a signed request kept in a pipeline's history, as any Ratio1 signed message is verified.</summary>
internal static class RequestSignatureCheck
{
    /// <summary>The sender whose signature over <paramref name="document"/> verifies, or why none does.</summary>
    public static (bool Valid, string? Sender, string? Failure) Verify(JsonObject document)
    {
        var verification = MessageSignature.Verify(document);
        return (verification.Valid, verification.Sender, verification.Failure);
    }
}
