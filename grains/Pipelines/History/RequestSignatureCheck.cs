using System.Text.Json.Nodes;

namespace Ratio1.Orleans.Grains.Pipelines.History;

/// <summary>Verifies the signature of a signed request kept in a pipeline's history, the way the silo verified it when it arrived.</summary>
internal static class RequestSignatureCheck
{
    /// <summary>The sender whose signature over <paramref name="document"/> verifies, or why none does.</summary>
    public static (bool Valid, string? Sender, string? Failure) Verify(JsonObject document) =>
        (false, null, "this build has no Ratio1 message verifier, so signed requests cannot be checked");
}
