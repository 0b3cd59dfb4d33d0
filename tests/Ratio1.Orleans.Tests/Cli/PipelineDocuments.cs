namespace Ratio1.Orleans.Tests.Cli;

/// <summary>Ratio1-format pipeline documents as a user would write them.</summary>
public static class PipelineDocuments
{
    public const string Signature = "SENSOR_THRESHOLD_01";

    /// <summary>A Void pipeline with one threshold instance <c>t1</c>.</summary>
    public static string Sensor(string name, int processDelay = 2, string threshold = "0.5") =>
        $$"""
        {
          "NAME": "{{name}}",
          "TYPE": "Void",
          "CAP_RESOLUTION": 1,
          "PLUGINS": [
            {
              "SIGNATURE": "{{Signature}}",
              "INSTANCES": [
                { "INSTANCE_ID": "t1", "PROCESS_DELAY": {{processDelay}}, "VALUE_KEY": "temperature", "ALERT_RAISE_VALUE": {{threshold}} }
              ]
            }
          ]
        }
        """;
}
