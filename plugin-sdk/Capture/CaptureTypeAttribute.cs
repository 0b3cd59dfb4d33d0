namespace Ratio1.Orleans.Plugins;

/// <summary>Marks a <see cref="CaptureSource"/> class with the pipeline <c>TYPE</c> it implements (e.g. <c>StructuredFile</c>).</summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class CaptureTypeAttribute(string type) : Attribute
{
    /// <summary>
    /// The <c>TYPE</c> value. Matched case-insensitively, like a plugin signature: a pipeline may write
    /// <c>structuredfile</c>; the pipeline keeps its <c>TYPE</c> as written.
    /// </summary>
    public string Type { get; } = type;

    /// <summary>One line on what the source captures.</summary>
    public string Description { get; init; } = string.Empty;
}
