using System.Globalization;
using Ratio1.Orleans.Testing;
using Xunit.Abstractions;

namespace Ratio1.Orleans.Tests.Traffic;

/// <summary>
/// A real silo process under a full-speed flood keeps its memory flat whoever listens, and counts what it could not
/// deliver. Fast by default; <c>R1_SOAK_SECONDS=600 ./test.sh --filter FloodSoak</c> runs each phase for ten minutes.
/// </summary>
[Collection(FloodCollection.Name)]
public sealed class FloodSoakTests(ITestOutputHelper output)
{
    private const long Bound = 100L * 1024 * 1024;

    private static readonly TimeSpan Phase = TimeSpan.FromSeconds(
        double.TryParse(Environment.GetEnvironmentVariable("R1_SOAK_SECONDS"), CultureInfo.InvariantCulture, out var seconds) ? seconds : 12);

    [Fact]
    public async Task A_full_speed_flood_stays_within_a_memory_bound_with_no_subscriber_then_a_slow_one_and_counts_its_losses()
    {
        await using var silo = await SiloProcess.StartAsync("flood-node", serverGc: true);
        await using var session = await silo.ConnectAsync();
        await session.DeployPipelineJsonAsync(silo.NodeId, FloodPipeline.Json("flood", instances: 10, messageBytes: 4000));
        await Task.Delay(TimeSpan.FromSeconds(10));
        var baseline = silo.ResidentBytes;

        var peakUnheard = await PeakResidentAsync(silo, Phase);
        var unheard = (await TrafficCounters.ReadAsync(silo)).DroppedFor("no_subscriber");

        var received = 0L;
        await using (await session.OnPipelinePayloadAsync(silo.NodeId, "flood", async _ =>
        {
            Interlocked.Increment(ref received);
            await Task.Delay(20);
        }))
        {
            var peakSlow = await PeakResidentAsync(silo, Phase);
            var skipped = (await TrafficCounters.ReadAsync(silo)).DroppedFor("expired");

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
}

/// <summary>Floods use both cores: they run alone, so they neither slow other tests down nor are measured with them.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class FloodCollection
{
    public const string Name = "flood";
}
