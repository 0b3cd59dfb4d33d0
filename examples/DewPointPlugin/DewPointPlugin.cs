using Ratio1.Orleans.Contracts.Config;
using Ratio1.Orleans.Plugins;

namespace Ratio1.Orleans.Examples.DewPoint;

/// <summary>
/// <c>DEW_POINT_01</c>: for every structured input with a temperature (°C) and a relative humidity (%), sends the dew
/// point (Magnus formula) and whether it is within <c>MARGIN</c> degrees of the temperature (condensation risk).
/// Built as its own assembly: drop the DLL into a node's plugin folder (<c>--plugin-folder</c>).
/// </summary>
[Plugin("DEW_POINT_01", Description = "Dew point and condensation risk from temperature and humidity", Version = "1.0.0")]
public sealed class DewPointPlugin : BusinessPlugin<DewPointPlugin.DewPointConfig>
{
    private const double A = 17.62;
    private const double B = 243.12;

    public override ValueTask ProcessAsync(IPluginContext context, IReadOnlyList<CaptureItem> inputs, CancellationToken cancellationToken)
    {
        foreach (var input in inputs)
        {
            if (input.Fields.GetValueOrDefault(Config.TemperatureKey) is not { Kind: ConfigValueKind.Number } temperature ||
                input.Fields.GetValueOrDefault(Config.HumidityKey) is not { Kind: ConfigValueKind.Number } humidity)
            {
                continue;
            }

            var t = temperature.AsDouble();
            var gamma = Math.Log(humidity.AsDouble() / 100) + (A * t / (B + t));
            var dewPoint = Math.Round(B * gamma / (A - gamma), 2);
            context.EmitPayload(ConfigMap.Empty
                .SetItem("TEMPERATURE", t)
                .SetItem("HUMIDITY", humidity.AsDouble())
                .SetItem("DEW_POINT", dewPoint)
                .SetItem("CONDENSATION_RISK", t - dewPoint <= Config.Margin));
        }

        return ValueTask.CompletedTask;
    }

    public sealed class DewPointConfig
    {
        [ConfigKey(Description = "Field holding the temperature in °C.")]
        public string TemperatureKey { get; set; } = "temperature";

        [ConfigKey(Description = "Field holding the relative humidity in %.")]
        public string HumidityKey { get; set; } = "humidity";

        [ConfigKey(Min = 0, Description = "Degrees between temperature and dew point that count as a condensation risk.")]
        public double Margin { get; set; } = 2;

        public int MaxInputsQueueSize { get; set; } = 64;
    }
}
