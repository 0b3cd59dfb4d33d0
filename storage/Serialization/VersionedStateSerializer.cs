using System.Buffers;
using System.Text.Json;
using System.Text.Json.Nodes;
using Orleans.Serialization;
using Orleans.Storage;

namespace Ratio1.Orleans.Storage.Serialization;

/// <summary>
/// The grain-state serializer of every storage provider. A state type with a <see cref="StateContract"/> is stored
/// as readable JSON in an envelope <c>{"contract": name, "version": n, "state": {...}}</c>: no CLR type names, so
/// renames are safe, and older versions are upgraded on read. Types we do not own (Orleans' stream pub/sub state)
/// fall back to Orleans' version-tolerant binary format behind a marker.
/// </summary>
public sealed class VersionedStateSerializer(StateContractRegistry registry, Serializer serializer) : IGrainStorageSerializer
{
    // A JSON document starts with '{'; the binary form starts with this marker instead.
    private static readonly byte[] BinaryMarker = "\0R1B"u8.ToArray();

    public BinaryData Serialize<T>(T? input)
    {
        ArgumentNullException.ThrowIfNull(input);
        if (!registry.TryGet(typeof(T), out var contract))
        {
            var body = serializer.SerializeToArray(input);
            var framed = new byte[BinaryMarker.Length + body.Length];
            BinaryMarker.CopyTo(framed, 0);
            body.CopyTo(framed, BinaryMarker.Length);
            return new BinaryData(framed);
        }

        var buffer = new ArrayBufferWriter<byte>(512);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteString("contract", contract.Name);
            writer.WriteNumber("version", contract.Version);
            writer.WritePropertyName("state");
            contract.Write(writer, input);
            writer.WriteEndObject();
        }

        return new BinaryData(buffer.WrittenMemory);
    }

    public T Deserialize<T>(BinaryData input)
    {
        var bytes = input.ToMemory();
        if (bytes.Span.StartsWith(BinaryMarker))
        {
            return serializer.Deserialize<T>(bytes[BinaryMarker.Length..])!;
        }

        if (!registry.TryGet(typeof(T), out var contract))
        {
            throw new StateFormatException($"Stored JSON state cannot be read as {typeof(T).Name}: no state contract is registered for that type.");
        }

        JsonObject envelope;
        try
        {
            envelope = JsonNode.Parse(bytes.Span) as JsonObject ?? throw new JsonException("the document is not an object");
        }
        catch (JsonException e)
        {
            throw new StateFormatException($"Stored '{contract.Name}' state is not valid JSON: {e.Message}", e);
        }

        var name = envelope["contract"]?.GetValue<string>();
        if (name != contract.Name)
        {
            throw new StateFormatException($"Stored state is a '{name}' document where '{contract.Name}' was expected; two grains may share a state name.");
        }

        var version = envelope["version"]?.GetValue<int>() ?? 0;
        if (version > contract.Version)
        {
            throw new StateFormatException($"Stored '{contract.Name}' state is at version {version}, newer than this build reads ({contract.Version}). Upgrade the silo.");
        }

        try
        {
            var state = envelope["state"];
            if (version < contract.Version)
            {
                state = contract.Upgrade(version, state?.DeepClone());
            }

            return (T)contract.Read(state);
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException or FormatException)
        {
            throw new StateFormatException($"Stored '{contract.Name}' state (version {version}) could not be read: {e.Message}", e);
        }
    }
}
