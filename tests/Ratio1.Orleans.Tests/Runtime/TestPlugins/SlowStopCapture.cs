using Ratio1.Orleans.Contracts.Config;
using Ratio1.Orleans.Plugins;

namespace Ratio1.Orleans.Tests.Runtime.TestPlugins;

/// <summary>
/// A capture source that takes clients' inputs, tagging each with its <c>TAG</c> key (<c>unbound</c> until its config
/// is bound), and takes <see cref="StopTime"/> to stop, so a restart leaves a window to push into.
/// </summary>
[CaptureType("TEST_SLOW_STOP", Description = "Test source that tags pushed inputs with TAG and is slow to stop")]
public sealed class SlowStopCapture : CaptureSource<SlowStopCapture.SlowStopConfig>
{
    public static readonly TimeSpan StopTime = TimeSpan.FromSeconds(2);

    protected override async Task RunAsync(ICaptureContext context, CancellationToken cancellationToken)
    {
        context.ReportStarted();
        try
        {
            await Task.Delay(Timeout.Infinite, cancellationToken);
        }
        catch (OperationCanceledException)
        {
            await Task.Delay(StopTime, CancellationToken.None);
            throw;
        }
    }

    public override bool OnInput(ICaptureContext context, CaptureInput input)
    {
        if (input.Origin != CaptureInputOrigin.Client)
        {
            return false;
        }

        var tagged = ConfigMap.Empty.SetItem("TAG", Config.Tag).SetItem("INPUT", input.Item.Data ?? ConfigValue.Null);
        context.Publish(input.Item with { Data = ConfigValue.FromObject(tagged) });
        return true;
    }

    public sealed class SlowStopConfig : CaptureConfig
    {
        public string Tag { get; set; } = "unbound";
    }
}
