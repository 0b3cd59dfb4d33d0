using Ratio1.Orleans.Contracts.Config;
using Ratio1.Orleans.Contracts.Messages;

namespace Ratio1.Orleans.Tests.Capture;

/// <summary>One frame as ECHO_01 sent it back: its <c>IMAGE</c> size and index, and the capture <c>METADATA</c>.</summary>
public sealed record EchoedFrame(int Width, int Height, long Index, ConfigMap Metadata)
{
    /// <summary>The frame in <paramref name="payload"/>, or null for a payload without an image.</summary>
    public static EchoedFrame? From(Payload payload)
    {
        if (payload.Data.GetValueOrDefault("IMAGE") is not { Kind: ConfigValueKind.Object } image)
        {
            return null;
        }

        var metadata = payload.Data.GetValueOrDefault("METADATA") is { Kind: ConfigValueKind.Object } m ? m.Fields : ConfigMap.Empty;
        return new EchoedFrame((int)image.Fields["WIDTH"].AsDouble(), (int)image.Fields["HEIGHT"].AsDouble(), (long)image.Fields["INDEX"].AsDouble(), metadata);
    }

    public string Text(string key) => Metadata[key].AsString();

    /// <summary>When the source captured the frame (its <c>TIMESTAMP</c>).</summary>
    public DateTimeOffset CapturedAt => DateTimeOffset.Parse(Text("TIMESTAMP"), System.Globalization.CultureInfo.InvariantCulture);

    public long Number(string key) => (long)Metadata[key].AsDouble();
}
