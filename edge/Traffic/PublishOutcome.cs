namespace Ratio1.Orleans.Edge.Traffic;

/// <summary>What the publisher did with a message: queued it, or refused it as larger than the limit of one message.</summary>
/// <param name="SizeBytes">The message's size on the wire.</param>
/// <param name="LimitBytes">The limit of one message, when it was refused.</param>
public readonly record struct PublishOutcome(bool Accepted, long SizeBytes, long LimitBytes)
{
    public static PublishOutcome Queued(long size) => new(true, size, 0);

    public static PublishOutcome Refused(long size, long limit) => new(false, size, limit);
}
