using System.Globalization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Ratio1.Orleans.Bench.Measurement;
using Ratio1.Orleans.Client;
using Ratio1.Orleans.Dashboard.Feed;
using Ratio1.Orleans.Edge.Traffic;
using Ratio1.Orleans.Testing;
using Ratio1.Orleans.Tests.Dashboard;

namespace Ratio1.Orleans.Bench.Scenarios;

/// <summary>
/// Issue 19's live feed: a node with N instances each publishing at a fixed rate, the dashboard's feed following it,
/// and a browser-less client reading <c>GET /api/feed</c> (HttpClient on the event stream). Each round measures, in the
/// same run: the process with the dashboard not subscribed (baseline), subscribed with no browser, and subscribed with
/// one browser reading everything: messages per second delivered to the browser vs published by the node, and the
/// CPU each adds. Then a slow browser (reading far fewer events a second than are sent): the feed drops and counts for
/// it while its buffer, and the process's memory, stay flat.
/// </summary>
public static class DashboardFeedScenario
{
    private const string Node = "bench-node";

    private sealed record Round(Phase Baseline, Phase Subscribed, Phase Browser)
    {
        public double DeliveryRatio => Browser.Delivered / Browser.Published;

        public double CpuRatio => Browser.CpuPercent / Baseline.CpuPercent;
    }

    private sealed record Phase(double Published, double Delivered, double CpuPercent);

    public static async Task RunAsync(TextWriter output, int instances, double rate, int rounds, TimeSpan window, TimeSpan slowWindow, double slowRate, int bufferMessages)
    {
        var c = CultureInfo.InvariantCulture;
        output.WriteLine(string.Create(c, $"dashboard feed benchmark: {instances} instances publishing {rate:0} msg/s each ({instances * rate:0} msg/s), one browser-less client on GET /api/feed; {rounds} rounds of {window.TotalSeconds:0} s per phase after a warm-up round; buffer {bufferMessages} messages; {Environment.ProcessorCount} cores, {DateTime.UtcNow:u}"));
        output.WriteLine("  (one process: silo, dashboard feed and reading client; CPU is the process's, in % of one core)");
        // The silo serves no dashboard: the feed measured here is the bench's own, so it can be subscribed and left
        // between phases (the dashboard's own subscriber would follow the node all the time).
        await using var silo = await TestSilo.StartAsync(Node, extraArgs: ["--Dashboard:Enabled=false"]);
        await using var publisher = await silo.ConnectAsync("bench");
        await using var dashboardSession = await Ratio1Session.ConnectAsync(silo.SessionOptions("dashboard"));
        await using var dashboard = await StartDashboardAsync(bufferMessages);
        var feed = dashboard.Services.GetRequiredService<FleetFeed>();
        var broadcast = dashboard.Services.GetRequiredService<FeedBroadcast>();
        var traffic = silo.Services.GetRequiredService<TrafficPublisher>();
        var address = new Uri(new Uri(dashboard.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First()), FeedEndpoints.Route);
        using var http = new HttpClient { Timeout = Timeout.InfiniteTimeSpan };

        var pipeline = publisher.CreatePipeline(Node, "fed", "Void");
        for (var i = 0; i < instances; i++)
        {
            pipeline.CreatePluginInstance("ECHO_01", $"inst{i:D3}", new Dictionary<string, object?> { ["ALLOW_EMPTY_INPUTS"] = true, ["PROCESS_DELAY"] = 1 / rate });
        }

        await pipeline.DeployAsync();
        await Task.Delay(TimeSpan.FromSeconds(2));

        var results = new List<Round>();
        for (var round = 0; round <= rounds; round++)
        {
            var baseline = await MeasureAsync(traffic, null, window);
            var following = await feed.FollowAsync(dashboardSession, CancellationToken.None);
            await Task.Delay(TimeSpan.FromSeconds(1));
            var subscribed = await MeasureAsync(traffic, null, window);
            Phase browser;
            using (var reader = await FeedBrowser.OpenAsync(http, address, eventsPerSecond: null))
            {
                await Task.Delay(TimeSpan.FromSeconds(1));
                browser = await MeasureAsync(traffic, reader, window);
            }

            await following.DisposeAsync();
            var r = new Round(baseline, subscribed, browser);
            output.WriteLine(string.Create(c,
                $"  round {round}{(round == 0 ? " (warm-up)" : string.Empty)}: published {browser.Published:0} msg/s, delivered {browser.Delivered:0} msg/s ({r.DeliveryRatio:0.00}x); CPU {baseline.CpuPercent:0}% not subscribed, {subscribed.CpuPercent:0}% subscribed, {browser.CpuPercent:0}% with the browser ({r.CpuRatio:0.00}x)"));
            if (round > 0)
            {
                results.Add(r);
            }
        }

        output.WriteLine();
        output.WriteLine($"{"round",6} {"published/s",12} {"delivered/s",12} {"ratio",7} {"CPU base %",11} {"CPU sub %",10} {"CPU feed %",11} {"CPU ratio",10}");
        for (var i = 0; i < results.Count; i++)
        {
            var r = results[i];
            output.WriteLine(string.Create(c,
                $"{i + 1,6} {r.Browser.Published,12:0} {r.Browser.Delivered,12:0} {r.DeliveryRatio,6:0.00}x {r.Baseline.CpuPercent,11:0} {r.Subscribed.CpuPercent,10:0} {r.Browser.CpuPercent,11:0} {r.CpuRatio,9:0.00}x"));
        }

        output.WriteLine(string.Create(c,
            $"  => median: {Percentiles.Median(results.Select(r => r.DeliveryRatio)):0.00}x of the published messages reach the browser; the feed with one browser adds {Percentiles.Median(results.Select(r => r.Browser.CpuPercent - r.Baseline.CpuPercent)):0}% of a core ({Percentiles.Median(results.Select(r => r.CpuRatio)):0.00}x the process's CPU), subscribed without a browser {Percentiles.Median(results.Select(r => r.Subscribed.CpuPercent - r.Baseline.CpuPercent)):0}%"));

        await SlowFeedBrowser(output, feed, dashboardSession, broadcast, http, address, slowWindow, slowRate, bufferMessages);
    }

    private static async Task SlowFeedBrowser(TextWriter output, FleetFeed feed, Ratio1Session session, FeedBroadcast broadcast, HttpClient http, Uri address,
        TimeSpan duration, double eventsPerSecond, int bufferMessages)
    {
        var c = CultureInfo.InvariantCulture;
        output.WriteLine();
        output.WriteLine(string.Create(c, $"slow browser: reads {eventsPerSecond:0} events/s for {duration.TotalSeconds:0} s (buffer {bufferMessages} messages)"));
        output.WriteLine($"{"s",4} {"read",8} {"dropped",9} {"buffered",9} {"managed MiB",12} {"working set MiB",16}");
        await using var following = await feed.FollowAsync(session, CancellationToken.None);
        using var reader = await FeedBrowser.OpenAsync(http, address, eventsPerSecond);
        var connection = broadcast.Connections.Single();
        var mostBuffered = 0;
        var memory = new List<(long Managed, long WorkingSet)>();
        for (var second = 1; second <= duration.TotalSeconds; second++)
        {
            await Task.Delay(TimeSpan.FromSeconds(1));
            mostBuffered = Math.Max(mostBuffered, connection.Buffered);
            var (managed, workingSet) = ProcessCost.Memory();
            memory.Add((managed, workingSet));
            output.WriteLine(string.Create(c, $"{second,4} {reader.Events,8} {connection.Dropped,9} {connection.Buffered,9} {managed / 1048576.0,12:0.0} {workingSet / 1048576.0,16:0.0}"));
        }

        var half = memory.Count / 2;
        output.WriteLine(string.Create(c,
            $"  => {connection.Dropped} dropped and counted ({reader.DroppedEvents} dropped events told the browser {reader.DroppedAnnounced} in all); buffer at most {mostBuffered} of {bufferMessages}; managed memory {Mib(memory.Take(half).Average(m => m.Managed)):0.0} MiB in the first half, {Mib(memory.Skip(half).Average(m => m.Managed)):0.0} MiB in the second"));
    }

    private static double Mib(double bytes) => bytes / 1048576.0;

    private static async Task<Phase> MeasureAsync(TrafficPublisher traffic, FeedBrowser? reader, TimeSpan window)
    {
        var publishedBefore = traffic.Published;
        var deliveredBefore = reader?.Events ?? 0;
        var (wall, cpu) = await ProcessCost.TimeAsync(() => Task.Delay(window));
        var seconds = wall.TotalSeconds;
        return new Phase((traffic.Published - publishedBefore) / seconds, ((reader?.Events ?? 0) - deliveredBefore) / seconds, 100 * cpu.TotalSeconds / seconds);
    }

    private static async Task<WebApplication> StartDashboardAsync(int bufferMessages)
    {
        var builder = WebApplication.CreateBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        builder.Configuration["Dashboard:FeedBufferMessages"] = bufferMessages.ToString(CultureInfo.InvariantCulture);
        builder.Services.AddDashboardFeed();
        // Followed by hand (FleetFeed.FollowAsync), phase by phase, rather than by the hosted subscriber.
        builder.Services.Remove(builder.Services.Single(d => d.ImplementationType == typeof(FleetFeedService)));
        var app = builder.Build();
        app.MapDashboardFeed();
        await app.StartAsync();
        return app;
    }

    /// <summary>A browser-less client reading the event stream: everything as it comes, or a fixed number of events a second.</summary>
    private sealed class FeedBrowser : IDisposable
    {
        private readonly CancellationTokenSource _stop = new();
        private readonly HttpResponseMessage _response;
        private readonly FeedEventReader _reader;
        private readonly Task _reading;
        private long _events;
        private long _droppedEvents;
        private long _droppedAnnounced;

        private FeedBrowser(HttpResponseMessage response, FeedEventReader reader, double? eventsPerSecond)
        {
            _response = response;
            _reader = reader;
            _reading = Task.Run(() => ReadAsync(eventsPerSecond));
        }

        public long Events => Interlocked.Read(ref _events);

        public long DroppedEvents => Interlocked.Read(ref _droppedEvents);

        public long DroppedAnnounced => Interlocked.Read(ref _droppedAnnounced);

        public static async Task<FeedBrowser> OpenAsync(HttpClient http, Uri address, double? eventsPerSecond)
        {
            var (response, reader) = await FeedEventReader.OpenAsync(http, address, CancellationToken.None);
            return new FeedBrowser(response, reader, eventsPerSecond);
        }

        public void Dispose()
        {
            _stop.Cancel();
            try
            {
                _reading.Wait(TimeSpan.FromSeconds(5));
            }
            catch (AggregateException)
            {
                // Stopped mid-read.
            }

            _reader.Dispose();
            _response.Dispose();
            _stop.Dispose();
        }

        private async Task ReadAsync(double? eventsPerSecond)
        {
            // Slow: a tenth of the second's events every 100 ms.
            var perTick = eventsPerSecond is { } r ? Math.Max(1, (int)(r / 10)) : int.MaxValue;
            try
            {
                while (!_stop.IsCancellationRequested)
                {
                    for (var n = 0; n < perTick; n++)
                    {
                        if (await _reader.ReadAsync(_stop.Token) is not { } next)
                        {
                            return;
                        }

                        if (next.Name == "dropped")
                        {
                            Interlocked.Increment(ref _droppedEvents);
                            Interlocked.Add(ref _droppedAnnounced, next.Json.GetProperty("count").GetInt64());
                        }
                        else
                        {
                            Interlocked.Increment(ref _events);
                        }
                    }

                    await Task.Delay(TimeSpan.FromMilliseconds(100), _stop.Token);
                }
            }
            catch (OperationCanceledException)
            {
                // Closed.
            }
        }
    }
}
