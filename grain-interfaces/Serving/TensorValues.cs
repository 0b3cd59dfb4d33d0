using System.Collections.Immutable;
using Ratio1.Orleans.Contracts.Config;
using Ratio1.Orleans.Contracts.Errors;

namespace Ratio1.Orleans.Contracts.Serving;

/// <summary>Tensors as JSON-like values, and back: from structured data: a number, or nested lists of numbers of equal lengths (shape read from the nesting).</summary>
public static class TensorValues
{
    public static TensorData From(string name, ConfigValue value, string field)
    {
        var shape = new List<long>();
        var probe = value;
        while (probe.Kind == ConfigValueKind.Array)
        {
            shape.Add(probe.Items.Length);
            if (probe.Items.Length == 0)
            {
                break;
            }

            probe = probe.Items[0];
        }

        var count = shape.Aggregate(1L, (n, d) => n * d);
        var values = new float[count];
        var written = 0;
        Fill(value, 0);
        return new TensorData(name, [.. shape], values);

        void Fill(ConfigValue node, int depth)
        {
            if (depth == shape.Count)
            {
                if (node.Kind != ConfigValueKind.Number)
                {
                    throw new InvalidConfigException(field, node.ToJson(), "tensor elements must be numbers");
                }

                values[written++] = (float)node.AsDouble();
                return;
            }

            if (node.Kind != ConfigValueKind.Array || node.Items.Length != shape[depth])
            {
                throw new InvalidConfigException(field, Shorten(value.ToJson()), $"is not a rectangular tensor: expected {shape[depth]} items at depth {depth}");
            }

            foreach (var item in node.Items)
            {
                Fill(item, depth + 1);
            }
        }
    }

    /// <summary>A tensor as structured data: nested lists following its shape.</summary>
    public static ConfigValue ToValue(TensorData tensor)
    {
        var shape = tensor.Shape.IsDefaultOrEmpty ? ImmutableArray<long>.Empty : tensor.Shape;
        var offset = 0;
        return Build(0);

        ConfigValue Build(int depth)
        {
            if (depth == shape.Length)
            {
                return Number(tensor.Values[offset++]);
            }

            var items = new ConfigValue[shape[depth]];
            for (var i = 0; i < items.Length; i++)
            {
                items[i] = Build(depth + 1);
            }

            return ConfigValue.FromArray(items);
        }
    }

    /// <summary>A float as the shortest JSON number that reads back to it (NaN and infinities have no JSON form: null).</summary>
    public static ConfigValue Number(float value) =>
        float.IsFinite(value) ? ConfigValue.FromNumberLiteral(value.ToString(System.Globalization.CultureInfo.InvariantCulture)) : ConfigValue.Null;

    private static string Shorten(string text) => text.Length <= 80 ? text : text[..77] + "...";
}
