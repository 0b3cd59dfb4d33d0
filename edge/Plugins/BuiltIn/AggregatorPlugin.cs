using Ratio1.Orleans.Contracts.Config;
using Ratio1.Orleans.Plugins;

namespace Ratio1.Orleans.Edge.Plugins.BuiltIn;

/// <summary>
/// <c>AGGREGATOR_01</c>: window statistics of one numeric field (<c>VALUE_KEY</c>). Every <c>WINDOW_SECONDS</c> it
/// sends <c>COUNT</c>, <c>MIN</c>, <c>MAX</c>, <c>MEAN</c>, <c>STDDEV</c>, <c>SUM</c> and the window's bounds, then
/// starts a new window (a window with no readings sends nothing).
/// </summary>
[Plugin("AGGREGATOR_01", Description = "Window statistics (count, min, max, mean, stddev) of a numeric field")]
public sealed class AggregatorPlugin : BusinessPlugin<AggregatorPlugin.AggregatorConfig>
{
    private readonly List<double> _window = [];
    private DateTimeOffset? _windowStart;

    public override ValueTask ProcessAsync(IPluginContext context, IReadOnlyList<CaptureItem> inputs, CancellationToken cancellationToken)
    {
        var now = context.Time.GetUtcNow();
        _windowStart ??= now;
        foreach (var input in inputs)
        {
            if (input.Fields.GetValueOrDefault(Config.ValueKey) is { Kind: ConfigValueKind.Number } number)
            {
                _window.Add(number.AsDouble());
            }
        }

        if (now - _windowStart >= TimeSpan.FromSeconds(Config.WindowSeconds))
        {
            Flush(context, now);
        }

        return ValueTask.CompletedTask;
    }

    public override ValueTask OnCloseAsync(IPluginContext context, CancellationToken cancellationToken)
    {
        Flush(context, context.Time.GetUtcNow());
        return ValueTask.CompletedTask;
    }

    private void Flush(IPluginContext context, DateTimeOffset now)
    {
        if (_window.Count > 0)
        {
            var mean = _window.Average();
            var variance = _window.Sum(v => (v - mean) * (v - mean)) / _window.Count;
            context.EmitPayload(new ConfigMap.Builder()
                .Set("VALUE_KEY", Config.ValueKey)
                .Set("COUNT", _window.Count)
                .Set("MIN", _window.Min())
                .Set("MAX", _window.Max())
                .Set("MEAN", mean)
                .Set("STDDEV", Math.Sqrt(variance))
                .Set("SUM", _window.Sum())
                .Set("WINDOW_START", _windowStart!.Value.UtcDateTime.ToString("O"))
                .Set("WINDOW_END", now.UtcDateTime.ToString("O"))
                .ToMap());
        }

        _window.Clear();
        _windowStart = now;
    }

    public sealed class AggregatorConfig
    {
        [ConfigKey(Required = true, MinLength = 1, Description = "Field of the structured input to aggregate.")]
        public string ValueKey { get; set; } = string.Empty;

        [ConfigKey(Min = 0.001, Description = "Length of a window in seconds.")]
        public double WindowSeconds { get; set; } = 60;

        /// <summary>Runs on empty inputs too, so a window closes on time even when readings stop.</summary>
        public bool AllowEmptyInputs { get; set; } = true;

        /// <summary>Keep every reading that arrives between two executions.</summary>
        public int MaxInputsQueueSize { get; set; } = 512;

        /// <summary>Executions a second, at most.</summary>
        public double ProcessDelay { get; set; } = 0.1;
    }
}
