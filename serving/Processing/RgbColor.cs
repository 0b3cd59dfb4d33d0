namespace Ratio1.Orleans.Serving.Processing;

/// <summary>An 8-bit RGB colour.</summary>
public readonly record struct RgbColor(byte R, byte G, byte B);
