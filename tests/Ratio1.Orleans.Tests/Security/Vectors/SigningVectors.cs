using System.Text.Json;
using System.Text.Json.Nodes;

namespace Ratio1.Orleans.Tests.Security.Vectors;

/// <summary>
/// The signing test vectors: real messages signed by Ratio1 software (real-messages.json) and vectors of an independent
/// Python implementation (make_vectors.py: canonical.json, floats.json, signed.json).
/// </summary>
public static class SigningVectors
{
    public static string Folder => Path.Combine(AppContext.BaseDirectory, "Security", "Vectors");

    public static string Script => Path.Combine(Folder, "make_vectors.py");

    public static JsonArray Canonical => Load("canonical.json").AsArray();

    public static JsonArray Floats => Load("floats.json").AsArray();

    public static JsonObject Signed => Load("signed.json").AsObject();

    public static JsonArray RealMessages => Load("real-messages.json").AsArray();

    public static TheoryData<string> CanonicalNames() => Names(Canonical);

    public static TheoryData<string> SignedNames() => Names(Signed["messages"]!.AsArray());

    public static TheoryData<string> RealMessageNames() => Names(RealMessages);

    public static JsonObject Named(JsonArray items, string name) =>
        items.Select(i => i!.AsObject()).Single(i => (string?)i["name"] == name);

    /// <summary>The text of a JSON file exactly as committed, parsed as a document (so number tokens are kept).</summary>
    public static JsonElement Element(JsonNode node) => JsonDocument.Parse(node.ToJsonString()).RootElement.Clone();

    private static JsonNode Load(string file) => JsonNode.Parse(File.ReadAllText(Path.Combine(Folder, file)))!;

    private static TheoryData<string> Names(JsonArray items)
    {
        var data = new TheoryData<string>();
        foreach (var item in items)
        {
            data.Add((string)item!["name"]!);
        }

        return data;
    }
}
