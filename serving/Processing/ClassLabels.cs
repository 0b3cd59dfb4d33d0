using System.Collections.Immutable;
using System.Globalization;

namespace Ratio1.Orleans.Serving.Processing;

/// <summary>
/// A model's class names by index. A class with no name (beyond the list, or named by an empty string) is called by
/// its index as text, so every result still says which class it is.
/// </summary>
public readonly struct ClassLabels
{
    private readonly ImmutableArray<string> _names;

    /// <summary>Labels from a model's list (default or empty: every class is called by its index).</summary>
    public ClassLabels(ImmutableArray<string> names) => _names = names;

    /// <summary>How many classes have a name in the list.</summary>
    public int Count => _names.IsDefault ? 0 : _names.Length;

    /// <summary>The label of class <paramref name="classIndex"/>.</summary>
    public string this[int classIndex] =>
        (uint)classIndex < (uint)Count && !string.IsNullOrEmpty(_names[classIndex])
            ? _names[classIndex]
            : classIndex.ToString(CultureInfo.InvariantCulture);

    /// <summary>Labels from a model's list.</summary>
    public static implicit operator ClassLabels(ImmutableArray<string> names) => new(names);
}
