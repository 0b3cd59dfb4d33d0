using Ratio1.Orleans.Contracts.Config;

namespace Ratio1.Orleans.Edge.Capture;

/// <summary>
/// Ratio1's <c>MESSAGE_FILTER</c>: every key it gives must be in the payload's data with an equal value (JSON equality:
/// <c>1</c> equals <c>1.0</c>). An object value matches an object holding at least its keys, recursively (Ratio1's
/// <c>dict_in_dict</c>). Top-level keys are matched as given, else upper-cased, as payload keys are upper-case.
/// </summary>
internal sealed class PayloadMessageFilter(ConfigMap expected)
{
    public const string Key = "MESSAGE_FILTER";

    public bool IsEmpty => expected.Count == 0;

    public bool Matches(ConfigMap data)
    {
        foreach (var (key, value) in expected)
        {
            var actual = data.GetValueOrDefault(key) ?? data.GetValueOrDefault(key.ToUpperInvariant());
            if (actual is null || !Contains(actual, value))
            {
                return false;
            }
        }

        return true;
    }

    private static bool Contains(ConfigValue actual, ConfigValue wanted)
    {
        if (wanted.Kind != ConfigValueKind.Object || actual.Kind != ConfigValueKind.Object)
        {
            return actual.Equals(wanted);
        }

        foreach (var (key, value) in wanted.Fields)
        {
            if (actual.Fields.GetValueOrDefault(key) is not { } inner || !Contains(inner, value))
            {
                return false;
            }
        }

        return true;
    }
}
