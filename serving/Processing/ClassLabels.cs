using System.Collections.Immutable;
using System.Globalization;

namespace Ratio1.Orleans.Serving.Processing;

/// <summary>
/// Names classes from a model's label list. A class with no name (beyond the list, or named by an empty string) is
/// called by its index as text, so every result still says which class it is.
/// </summary>
public static class ClassLabels
{
    /// <summary>The label of class <paramref name="classIndex"/> in <paramref name="labels"/> (default or empty: none named).</summary>
    public static string Of(ImmutableArray<string> labels, int classIndex) =>
        !labels.IsDefault && (uint)classIndex < (uint)labels.Length && !string.IsNullOrEmpty(labels[classIndex])
            ? labels[classIndex]
            : classIndex.ToString(CultureInfo.InvariantCulture);
}
