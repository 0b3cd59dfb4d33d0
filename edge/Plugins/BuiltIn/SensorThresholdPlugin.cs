using Ratio1.Orleans.Contracts.Config;
using Ratio1.Orleans.Contracts.Messages;
using Ratio1.Orleans.Plugins;

namespace Ratio1.Orleans.Edge.Plugins.BuiltIn;

/// <summary>
/// <c>SENSOR_THRESHOLD_01</c>: watches one numeric field of structured inputs (<c>VALUE_KEY</c>) and raises an alert
/// when it crosses <c>ALERT_RAISE_VALUE</c> for <c>ALERT_RAISE_CONFIRMATIONS</c> readings in a row, and lowers it when
/// it comes back past <c>ALERT_LOWER_VALUE</c> (hysteresis), as Ratio1's alerters do. Payloads carry Ratio1's alert
/// keys (<c>IS_ALERT</c>, <c>IS_NEW_RAISE</c>, <c>IS_NEW_LOWER</c>, <c>IS_ALERT_STATUS_CHANGED</c>); by default one is
/// sent per change of status (<c>SEND_EVERY_READING</c> sends one per reading).
/// </summary>
[Plugin("SENSOR_THRESHOLD_01", Description = "Raises and lowers alerts on a numeric field of structured data")]
public sealed class SensorThresholdPlugin : BusinessPlugin<SensorThresholdPlugin.SensorThresholdConfig>
{
    private bool _alert;
    private int _beyondInRow;
    private DateTimeOffset? _raisedAt;

    public override ValueTask ProcessAsync(IPluginContext context, IReadOnlyList<CaptureItem> inputs, CancellationToken cancellationToken)
    {
        foreach (var input in inputs)
        {
            if (input.Fields.GetValueOrDefault(Config.ValueKey) is not { Kind: ConfigValueKind.Number } number)
            {
                continue;
            }

            Read(context, number.AsDouble(), input);
        }

        return ValueTask.CompletedTask;
    }

    public override ValueTask OnConfigAsync(IPluginContext context, ConfigMap previous, CancellationToken cancellationToken)
    {
        // Ratio1 resets alerters on a config change.
        _alert = false;
        _beyondInRow = 0;
        _raisedAt = null;
        return ValueTask.CompletedTask;
    }

    public override ValueTask OnCommandAsync(IPluginContext context, PluginCommand command, CancellationToken cancellationToken)
    {
        // Names are matched ignoring case, as the runtime matches RESTART.
        if (!string.Equals(command.Name, "RESET", StringComparison.OrdinalIgnoreCase))
        {
            throw command.NotTaken("SENSOR_THRESHOLD_01", "instance command", "it takes RESET");
        }

        return OnConfigAsync(context, context.Config, cancellationToken);
    }

    private void Read(IPluginContext context, double value, CaptureItem input)
    {
        var above = Config.AlertMode == "below" ? value < Config.AlertRaiseValue : value > Config.AlertRaiseValue;
        var back = Config.AlertMode == "below" ? value > (Config.AlertLowerValue ?? Config.AlertRaiseValue) : value < (Config.AlertLowerValue ?? Config.AlertRaiseValue);
        var wasAlert = _alert;
        if (!_alert)
        {
            _beyondInRow = above ? _beyondInRow + 1 : 0;
            if (_beyondInRow >= Config.AlertRaiseConfirmations)
            {
                _alert = true;
                _raisedAt = input.CapturedAt;
                _beyondInRow = 0;
            }
        }
        else
        {
            _beyondInRow = back ? _beyondInRow + 1 : 0;
            if (_beyondInRow >= Config.AlertLowerConfirmations)
            {
                _alert = false;
                _beyondInRow = 0;
            }
        }

        var changed = wasAlert != _alert;
        if (!changed && !Config.SendEveryReading)
        {
            return;
        }

        var payload = new ConfigMap.Builder()
            .Set("VALUE_KEY", Config.ValueKey)
            .Set("VALUE", value)
            .Set("IS_ALERT", _alert)
            .Set("IS_NEW_RAISE", changed && _alert)
            .Set("IS_NEW_LOWER", changed && !_alert)
            .Set("IS_ALERT_STATUS_CHANGED", changed)
            .Set("ALERT_RAISE_VALUE", Config.AlertRaiseValue)
            .Set("READING", input.Data ?? ConfigValue.Null);
        if (changed && !_alert && _raisedAt is { } raised)
        {
            payload.Set("LAST_ALERT_DURATION", (input.CapturedAt - raised).TotalSeconds);
        }

        context.EmitPayload(payload.ToMap());
        if (changed && Config.NotifyOnChange)
        {
            context.Notify(NotificationType.Normal, (NotificationCode)(_alert ? 500 : 501),
                _alert
                    ? $"{Config.ValueKey} = {value}: alert raised ({Config.AlertMode} {Config.AlertRaiseValue})"
                    : $"{Config.ValueKey} = {value}: alert lowered (back {(Config.AlertMode == "below" ? "above" : "below")} {Config.AlertLowerValue ?? Config.AlertRaiseValue})");
        }
    }

    public sealed class SensorThresholdConfig
    {
        [ConfigKey(Required = true, MinLength = 1, Description = "Field of the structured input to watch.")]
        public string ValueKey { get; set; } = string.Empty;

        [ConfigKey(Description = "Threshold that raises the alert.")]
        public double AlertRaiseValue { get; set; } = 0.5;

        [ConfigKey(Description = "Threshold that lowers it again (default: ALERT_RAISE_VALUE).")]
        public double? AlertLowerValue { get; set; }

        [ConfigKey(AllowedValues = ["above", "below"], Description = "Alert when the value is above or below the threshold.")]
        public string AlertMode { get; set; } = "above";

        [ConfigKey(Min = 1, Description = "Readings in a row beyond the threshold before raising.")]
        public int AlertRaiseConfirmations { get; set; } = 1;

        [ConfigKey(Min = 1, Description = "Readings in a row back past the lower threshold before lowering.")]
        public int AlertLowerConfirmations { get; set; } = 1;

        [ConfigKey(Description = "Send a payload for every reading, not only on changes.")]
        public bool SendEveryReading { get; set; }

        [ConfigKey(Description = "Also send a notification (codes 500 raise, 501 lower) on each change.")]
        public bool NotifyOnChange { get; set; } = true;

        /// <summary>Structured data arrives as inputs; an alerter has nothing to do without them.</summary>
        public bool AllowEmptyInputs { get; set; }

        /// <summary>Buffer readings between executions rather than keeping only the latest.</summary>
        public int MaxInputsQueueSize { get; set; } = 64;
    }
}
