using Ratio1.Orleans.Contracts.Config;
using Ratio1.Orleans.Plugins;

namespace Ratio1.Orleans.Tests.Runtime.TestPlugins;

/// <summary>
/// A plugin whose every execution emits one payload of <c>SIZE_BYTES</c> bytes of text and then a small one
/// (<c>AFTER</c>: the execution count), to see what the node does with a payload too large to send.
/// </summary>
[Plugin("BIG_PAYLOAD_01", Description = "Test plugin emitting a large payload, then a small one")]
public sealed class BigPayloadPlugin : BusinessPlugin<BigPayloadPlugin.BigPayloadConfig>
{
    public override ValueTask ProcessAsync(IPluginContext context, IReadOnlyList<CaptureItem> inputs, CancellationToken cancellationToken)
    {
        context.EmitPayload(ConfigMap.Empty.SetItem("BLOB", new string('x', Config.SizeBytes)));
        context.EmitPayload(ConfigMap.Empty.SetItem("AFTER", context.ExecutionCount));
        return ValueTask.CompletedTask;
    }

    public sealed class BigPayloadConfig
    {
        [ConfigKey(Min = 0)]
        public int SizeBytes { get; set; } = 1000;

        public bool AllowEmptyInputs { get; set; } = true;
    }
}
