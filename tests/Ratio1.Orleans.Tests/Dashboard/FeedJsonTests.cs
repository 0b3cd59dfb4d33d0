using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Options;
using Ratio1.Orleans.Contracts.Config;
using Ratio1.Orleans.Contracts.Messages;
using Ratio1.Orleans.Dashboard.Feed;

namespace Ratio1.Orleans.Tests.Dashboard;

/// <summary>How a payload is written on the feed: as the Payload contract, with over-long strings cut except images.</summary>
public sealed class FeedJsonTests
{
    private static readonly FeedJson Json = new(Options.Create(new FeedOptions { FeedFieldMaxChars = 100 }));

    [Fact]
    public void A_payload_is_one_event_with_its_envelope_and_data()
    {
        var (name, data) = Read(Json.Payload(PayloadOf(ConfigMap.Empty.SetItem("COUNT", 3).SetItem("TEXT", "two\nlines"))));

        Assert.Equal("payload", name);
        Assert.Equal(("edge-1", "p1"), (data.GetProperty("envelope").GetProperty("nodeId").GetString(), data.GetProperty("envelope").GetProperty("pipeline").GetString()));
        Assert.Equal((3, "two\nlines"), (data.GetProperty("data").GetProperty("COUNT").GetInt32(), data.GetProperty("data").GetProperty("TEXT").GetString()));
        Assert.False(data.TryGetProperty("cut", out _));
    }

    [Fact]
    public void A_string_longer_than_the_limit_is_cut_and_its_path_named()
    {
        var nested = ConfigMap.Empty.SetItem("RAW", new string('x', 500));
        var (_, data) = Read(Json.Payload(PayloadOf(ConfigMap.Empty.SetItem("BLOB", nested).SetItem("SMALL", "ok"))));

        var raw = data.GetProperty("data").GetProperty("BLOB").GetProperty("RAW").GetString()!;
        Assert.StartsWith(new string('x', 100) + "…", raw);
        Assert.Contains("500 characters", raw);
        Assert.Equal("ok", data.GetProperty("data").GetProperty("SMALL").GetString());
        Assert.Equal(["data.BLOB.RAW"], data.GetProperty("cut").EnumerateArray().Select(c => c.GetString()));
    }

    [Fact]
    public void An_image_field_is_kept_whole()
    {
        var image = Convert.ToBase64String(new byte[3000]);
        var (_, data) = Read(Json.Payload(PayloadOf(ConfigMap.Empty.SetItem("IMG", ConfigValue.FromArray(image, image)))));

        Assert.All(data.GetProperty("data").GetProperty("IMG").EnumerateArray(), i => Assert.Equal(image, i.GetString()));
        Assert.False(data.TryGetProperty("cut", out _));
    }

    private static Payload PayloadOf(ConfigMap data) =>
        new(new MessageEnvelope("edge-1", "p1", "ECHO_01", "e1", 1, DateTimeOffset.UtcNow, Guid.NewGuid()), data);

    private static (string Name, JsonElement Data) Read(byte[] frame)
    {
        var lines = Encoding.UTF8.GetString(frame).Split('\n');
        Assert.Equal(["", ""], lines[2..]);
        return (lines[0]["event: ".Length..], JsonDocument.Parse(lines[1]["data: ".Length..]).RootElement);
    }
}
