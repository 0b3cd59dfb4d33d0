namespace Ratio1.Orleans.Contracts.Streams;

/// <summary>What an owner does with its taps whatever their message type: subscribe them again after a reconnect, count redeliveries.</summary>
internal interface IStreamTap
{
    /// <inheritdoc cref="StreamTap{T}.RestoreAsync"/>
    Task<bool> RestoreAsync(CancellationToken cancellationToken);

    /// <summary>Messages skipped as redeliveries (at or below the last sequence of their path) so far.</summary>
    long RedeliveriesSkipped { get; }

    /// <inheritdoc cref="StreamTap{T}.RepairAsync"/>
    Task<bool> RepairAsync(CancellationToken cancellationToken);
}
