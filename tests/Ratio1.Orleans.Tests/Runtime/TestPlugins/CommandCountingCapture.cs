using Ratio1.Orleans.Contracts.Config;
using Ratio1.Orleans.Plugins;

namespace Ratio1.Orleans.Tests.Runtime.TestPlugins;

/// <summary>A capture source that captures nothing but each <c>PIPELINE_COMMAND</c>, with how many it has received.</summary>
[CaptureType("TEST_COMMANDS", Description = "Test source that turns pipeline commands into inputs")]
public sealed class CommandCountingCapture : CaptureSource
{
    private int _commands;

    protected override async Task RunAsync(ICaptureContext context, CancellationToken cancellationToken)
    {
        context.ReportStarted();
        await Task.Delay(Timeout.Infinite, cancellationToken);
    }

    public override ValueTask OnCommandAsync(ICaptureContext context, PluginCommand command, CancellationToken cancellationToken)
    {
        if (command.Name == "FAIL")
        {
            throw new InvalidOperationException("source command failed on purpose");
        }

        var count = Interlocked.Increment(ref _commands);
        context.Publish(new CaptureItem(ConfigValue.FromObject(ConfigMap.Empty.SetItem("COMMAND", command.Name ?? "?").SetItem("COUNT", count)), null, ConfigMap.Empty, context.Time.GetUtcNow()));
        return ValueTask.CompletedTask;
    }
}
