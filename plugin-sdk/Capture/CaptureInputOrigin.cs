namespace Ratio1.Orleans.Plugins;

/// <summary>Where an input handed to a pipeline's source came from (see <see cref="CaptureSource.OnInput"/>).</summary>
public enum CaptureInputOrigin
{
    /// <summary>Pushed by a client (<c>PushInputAsync</c>, <c>r1ctl push</c>), with an <see cref="CaptureItem.InputId"/>.</summary>
    Client,

    /// <summary>A payload of one of the pipeline's own instances that set <c>IS_LOOPBACK_PLUGIN</c>.</summary>
    Loopback,
}
