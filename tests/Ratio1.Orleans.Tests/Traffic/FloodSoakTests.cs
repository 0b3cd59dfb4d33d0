using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using Ratio1.Orleans.Contracts.Messages;
using Ratio1.Orleans.Testing;
using Xunit.Abstractions;

namespace Ratio1.Orleans.Tests.Traffic;

/// <summary>
/// A real silo process under a full-speed flood keeps its memory flat whoever listens, and counts what it could not
/// deliver. Fast by default; <c>R1_SOAK_SECONDS=600 ./test.sh --filter FloodSoak</c> runs each phase for ten minutes.
/// </summary>
[Collection(FloodCollection.Name)]
public sealed partial class FloodSoakTests(ITestOutputHelper output)
{
    private const long Bound = 100L * 1024 * 1024;

    private static readonly TimeSpan Phase = TimeSpan.FromSeconds(
        double.TryParse(Environment.GetEnvironmentVariable("R1_SOAK_SECONDS"), CultureInfo.InvariantCulture, out var seconds) ? seconds : 12);

    [Fact]
    public async Task A_full_speed_flood_stays_within_a_memory_bound_with_no_subscriber_then_a_slow_one_and_counts_its_losses()
    {
        await using var silo = await SiloProcess.StartAsync("flood-node");
        await using var session = await silo.ConnectAsync();
        await session.DeployPipelineJsonAsync(silo.NodeId, FloodPipeline("flood", instances: 10, messageBytes: 4000));
        await Task.Delay(TimeSpan.FromSeconds(10));
        var baseline = silo.ResidentBytes;

        var peakUnheard = await PeakResidentAsync(silo, Phase);
        var unheard = await DroppedAsync(silo, "no_subscriber");

        var received = 0L;
        await using (await session.OnPipelinePayloadAsync(silo.NodeId, "flood", async _ =>
        {
            Interlocked.Increment(ref received);
            await Task.Delay(20);
        }))
        {
            var peakSlow = await PeakResidentAsync(silo, Phase);
            var skipped = await DroppedAsync(silo, "expired");

            var figures = $"baseline {baseline / 1048576} MB, peak with no subscriber {peakUnheard / 1048576} MB, with a slow one {peakSlow / 1048576} MB; " +
                          $"no_subscriber {unheard}, expired {skipped}, received {Interlocked.Read(ref received)}";
            output.WriteLine(figures);
            Assert.True(peakUnheard <= baseline + Bound, figures);
            Assert.True(peakSlow <= baseline + Bound, figures);
            Assert.True(unheard > 1000, figures);
            Assert.True(skipped > 0, figures);
            Assert.True(Interlocked.Read(ref received) > 0, figures);
        }
    }

    /// <summary>A Void pipeline of ECHO_01 instances each sending a message of about <paramref name="messageBytes"/> as fast as its loop turns.</summary>
    public static string FloodPipeline(string name, int instances, int messageBytes) => JsonSerializer.Serialize(new Dictionary<string, object>
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

    private static async Task<long> PeakResidentAsync(SiloProcess silo, TimeSpan window)
    {
        var peak = 0L;
        var end = DateTime.UtcNow + window;
        while (DateTime.UtcNow < end)
        {
            peak = Math.Max(peak, silo.ResidentBytes);
            await Task.Delay(250);
        }

        return peak;
    }

    /// <summary>Messages the silo counted as not delivered for <paramref name="reason"/>, from its <c>/metrics</c>.</summary>
    private static async Task<long> DroppedAsync(SiloProcess silo, string reason) =>
        DroppedLine().Matches(await silo.GetAsync("/metrics"))
            .Where(m => m.Groups["labels"].Value.Contains($"ratio1_drop_reason=\"{reason}\"", StringComparison.Ordinal))
            .Sum(m => long.Parse(m.Groups["value"].Value, CultureInfo.InvariantCulture));

    [GeneratedRegex(@"^ratio1_traffic_messages_dropped_total\{(?<labels>[^}]*)\} (?<value>\d+)", RegexOptions.Multiline)]
    private static partial Regex DroppedLine();
}

/// <summary>Floods use both cores: they run alone, so they neither slow other tests down nor are measured with them.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class FloodCollection
{
    public const string Name = "flood";
}
