using Ratio1.Orleans.Contracts.Config;
using Ratio1.Orleans.Contracts.Messages;

namespace Ratio1.Orleans.Tests.Capture;

/// <summary>Reads nested fields of a payload's data: <c>Text(p, "DATA", "MESSAGE")</c>.</summary>
public static class PayloadFields
{
    public static string? Text(Payload payload, params string[] path)
    {
        ConfigValue current = ConfigValue.FromObject(payload.Data);
        foreach (var key in path)
        {
            if (current.Kind != ConfigValueKind.Object || current.Fields.GetValueOrDefault(key) is not { } next)
            {
                return null;
            }

            current = next;
        }

        return current.Kind == ConfigValueKind.String ? current.AsString() : current.IsNull ? null : current.ToJson();
    }
}
