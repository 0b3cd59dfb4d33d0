using Ratio1.Orleans.Contracts.Config;
using Ratio1.Orleans.Plugins;

namespace Ratio1.Orleans.Examples.SineWave;

/// <summary>
/// <c>SineWave</c>: a simulated sensor. Every 1/<c>CAP_RESOLUTION</c> seconds it delivers one reading
/// <c>{VALUE, INDEX}</c>, <c>VALUE</c> = <c>OFFSET</c> + <c>AMPLITUDE</c> × sin(2π × <c>INDEX</c> / <c>SAMPLES_PER_PERIOD</c>),
/// until <c>COUNT</c> readings (0: for ever). The pipeline command <c>SET_AMPLITUDE</c> (parameter <c>AMPLITUDE</c>)
/// changes the amplitude while it runs. Built as its own assembly, like a plugin: drop the DLL into a node's plugin
/// folder (<c>--plugin-folder</c>) and pipelines can use <c>"TYPE": "SineWave"</c>.
/// </summary>
[CaptureType("SineWave", Description = "Simulated sensor readings on a sine wave")]
public sealed class SineWaveSource : CaptureSource<SineWaveSource.SineWaveConfig>
{
    // Commands arrive on another thread than the capture loop.
    private double _amplitude = double.NaN;

    protected override async Task RunAsync(ICaptureContext context, CancellationToken cancellationToken)
    {
        Volatile.Write(ref _amplitude, Config.Amplitude);
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(1 / Config.CapResolution), context.Time);
        context.ReportStarted();
        for (var index = 0L; Config.Count == 0 || index < Config.Count; index++)
        {
            var value = Config.Offset + (Volatile.Read(ref _amplitude) * Math.Sin(2 * Math.PI * index / Config.SamplesPerPeriod));
            var reading = ConfigMap.Empty.SetItem("VALUE", Math.Round(value, 6)).SetItem("INDEX", index);
            context.Publish(new CaptureItem(ConfigValue.FromObject(reading), null, ConfigMap.Empty.SetItem("SOURCE", "SineWave"), context.Time.GetUtcNow()));
            await timer.WaitForNextTickAsync(cancellationToken);
        }
    }

    public override ValueTask OnCommandAsync(ICaptureContext context, PluginCommand command, CancellationToken cancellationToken)
    {
        if (command.Name != "SET_AMPLITUDE")
        {
            // The same refusal every source and plugin gives: the node answers PIPELINE_FAILED with this reason.
            throw command.NotTaken("the SineWave source", "pipeline command", "it takes SET_AMPLITUDE and RESTART");
        }

        if (command.Parameters.GetValueOrDefault("AMPLITUDE") is not { Kind: ConfigValueKind.Number } amplitude || amplitude.AsDouble() < 0)
        {
            throw new ArgumentException($"SET_AMPLITUDE needs a parameter AMPLITUDE, a number of at least 0, not {command.Parameters.GetValueOrDefault("AMPLITUDE")?.ToJson() ?? "none"}.");
        }

        Volatile.Write(ref _amplitude, amplitude.AsDouble());
        return ValueTask.CompletedTask;
    }

    /// <summary>Keys of a <c>SineWave</c> pipeline, besides the common ones (<c>CAP_RESOLUTION</c>, ...).</summary>
    public sealed class SineWaveConfig : CaptureConfig
    {
        [ConfigKey(Min = 0, Max = 1e6, Description = "Height of the wave above and below OFFSET.")]
        public double Amplitude { get; set; } = 1;

        [ConfigKey(Description = "Middle of the wave.")]
        public double Offset { get; set; }

        [ConfigKey(Min = 2, Max = 1_000_000, Description = "Readings per full wave.")]
        public int SamplesPerPeriod { get; set; } = 20;

        [ConfigKey(Min = 0, Description = "Readings to deliver before the data ends (0: for ever).")]
        public long Count { get; set; }
    }
}
