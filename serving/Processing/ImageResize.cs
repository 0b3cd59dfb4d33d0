namespace Ratio1.Orleans.Serving.Processing;

/// <summary>
/// How an image was resized into a model's input: from <see cref="SourceWidth"/> × <see cref="SourceHeight"/> (the image
/// that was sent) to <see cref="TargetWidth"/> × <see cref="TargetHeight"/> (the model's input). Multiplying a model-input
/// coordinate by <see cref="ScaleX"/> / <see cref="ScaleY"/> gives the matching coordinate in the image that was sent.
/// </summary>
public readonly record struct ImageResize
{
    /// <summary>Describes a resize; every size must be positive.</summary>
    public ImageResize(int sourceWidth, int sourceHeight, int targetWidth, int targetHeight)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(sourceWidth);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(sourceHeight);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(targetWidth);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(targetHeight);
        SourceWidth = sourceWidth;
        SourceHeight = sourceHeight;
        TargetWidth = targetWidth;
        TargetHeight = targetHeight;
    }

    /// <summary>Width of the image that was sent.</summary>
    public int SourceWidth { get; }

    /// <summary>Height of the image that was sent.</summary>
    public int SourceHeight { get; }

    /// <summary>Width of the model's input.</summary>
    public int TargetWidth { get; }

    /// <summary>Height of the model's input.</summary>
    public int TargetHeight { get; }

    /// <summary>Source pixels per model-input pixel, horizontally.</summary>
    public float ScaleX => (float)SourceWidth / TargetWidth;

    /// <summary>Source pixels per model-input pixel, vertically.</summary>
    public float ScaleY => (float)SourceHeight / TargetHeight;

    /// <summary>Whether the image already had the model's size (its pixels were copied, not resampled).</summary>
    public bool IsIdentity => SourceWidth == TargetWidth && SourceHeight == TargetHeight;

    /// <summary>No resize: an image of the model's own size.</summary>
    public static ImageResize None(int width, int height) => new(width, height, width, height);
}
