using Ratio1.Orleans.Plugins;

namespace Ratio1.Orleans.Edge.Capture;

/// <summary>The optional frame scaling every ffmpeg-decoded source offers (<c>RESIZE_WIDTH</c>, <c>RESIZE_HEIGHT</c>).</summary>
public abstract class ScaledFrameConfig : CaptureConfig
{
    [ConfigKey(Min = 1, Max = 16384, Description = "Scale frames to this width; without RESIZE_HEIGHT the aspect ratio is kept.")]
    public int? ResizeWidth { get; set; }

    [ConfigKey(Min = 1, Max = 16384, Description = "Scale frames to this height; without RESIZE_WIDTH the aspect ratio is kept.")]
    public int? ResizeHeight { get; set; }
}
