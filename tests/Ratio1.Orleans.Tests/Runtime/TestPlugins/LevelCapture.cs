using Ratio1.Orleans.Plugins;

namespace Ratio1.Orleans.Tests.Runtime.TestPlugins;

/// <summary>
/// A capture source with one ruled key, <c>LEVEL</c> (1 to 10), the same rule <see cref="LevelPlugin"/> declares; it
/// captures nothing and takes no commands besides the runtime's <c>RESTART</c>.
/// </summary>
[CaptureType("TEST_LEVEL", Description = "Test source with a ruled LEVEL key and no commands")]
public sealed class LevelCapture : CaptureSource<LevelCapture.LevelConfig>
{
    protected override async Task RunAsync(ICaptureContext context, CancellationToken cancellationToken)
    {
        context.ReportStarted();
        await Task.Delay(Timeout.InfiniteTimeSpan, context.Time, cancellationToken);
    }

    public sealed class LevelConfig : CaptureConfig
    {
        [ConfigKey(Min = 1, Max = 10, Description = "A level from 1 to 10.")]
        public int Level { get; set; } = 1;
    }
}
