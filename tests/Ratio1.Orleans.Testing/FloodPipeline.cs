using System.Text.Json;

namespace Ratio1.Orleans.Testing;

/// <summary>A pipeline that sends as fast as the node can: the load of the flood tests and of <c>bench soak</c>.</summary>
public static class FloodPipeline
{
    /// <summary>A Void pipeline of ECHO_01 instances, each sending a message of about <paramref name="messageBytes"/> at every turn of its loop (1,000 a second at most).</summary>
    public static string Json(string name, int instances, int messageBytes) => JsonSerializer.Serialize(new Dictionary<string, object>
    {
        ["NAME"] = name,
        ["TYPE"] = "Void",
        ["PLUGINS"] = new[]
        {
            new Dictionary<string, object>
            {
                ["SIGNATURE"] = "ECHO_01",
                ["INSTANCES"] = Enumerable.Range(0, instances).Select(i => new Dictionary<string, object>
                {
                    ["INSTANCE_ID"] = $"e{i}",
                    ["PROCESS_DELAY"] = 0,
                    ["PLUGIN_LOOP_RESOLUTION"] = 1000,
                    ["ALLOW_EMPTY_INPUTS"] = true,
                    ["MESSAGE"] = new string('x', messageBytes),
                }).ToArray(),
            },
        },
    });
}
