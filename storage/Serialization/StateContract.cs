using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization.Metadata;

namespace Ratio1.Orleans.Storage.Serialization;

/// <summary>
/// How one state type is stored: a stable contract name (never a CLR type name, so types can be renamed or moved),
/// the current schema version, its JSON shape, and the steps that upgrade documents written by older versions.
/// </summary>
public abstract class StateContract
{
    protected StateContract(string name, int version)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentOutOfRangeException.ThrowIfLessThan(version, 1);
        Name = name;
        Version = version;
    }

    /// <summary>Stable name written with every stored document, e.g. <c>r1.pipeline</c>.</summary>
    public string Name { get; }

    /// <summary>Schema version written with new documents.</summary>
    public int Version { get; }

    /// <summary>The CLR type this contract stores.</summary>
    public abstract Type StateType { get; }

    internal abstract void Write(Utf8JsonWriter writer, object state);

    internal abstract object Read(JsonNode? document);

    internal abstract JsonNode? Upgrade(int fromVersion, JsonNode? document);
}

/// <summary>The stored form of <typeparamref name="T"/>.</summary>
public sealed class StateContract<T> : StateContract
{
    private readonly JsonTypeInfo<T> _typeInfo;
    private readonly SortedDictionary<int, Func<JsonNode?, JsonNode?>> _upgrades = [];

    public StateContract(string name, int version, JsonTypeInfo<T> typeInfo)
        : base(name, version)
    {
        _typeInfo = typeInfo;
    }

    public override Type StateType => typeof(T);

    /// <summary>Registers the step that turns a version-<paramref name="fromVersion"/> document into version <c>fromVersion + 1</c>.</summary>
    public StateContract<T> WithUpgrade(int fromVersion, Func<JsonNode?, JsonNode?> step)
    {
        if (fromVersion < 1 || fromVersion >= Version)
        {
            throw new ArgumentOutOfRangeException(nameof(fromVersion), $"An upgrade step must start from a version between 1 and {Version - 1}.");
        }

        _upgrades.Add(fromVersion, step);
        return this;
    }

    internal override void Write(Utf8JsonWriter writer, object state) => JsonSerializer.Serialize(writer, (T)state, _typeInfo);

    internal override object Read(JsonNode? document) =>
        document.Deserialize(_typeInfo) ?? throw new JsonException($"Stored '{Name}' state is null.");

    internal override JsonNode? Upgrade(int fromVersion, JsonNode? document)
    {
        for (var version = fromVersion; version < Version; version++)
        {
            if (!_upgrades.TryGetValue(version, out var step))
            {
                throw new JsonException($"Stored '{Name}' state is at version {version} and no upgrade to version {version + 1} is registered.");
            }

            document = step(document);
        }

        return document;
    }
}
