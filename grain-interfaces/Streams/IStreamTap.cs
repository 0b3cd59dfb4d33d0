namespace Ratio1.Orleans.Contracts.Streams;

/// <summary>What an owner does with its taps whatever their message type: subscribe them again after a reconnect.</summary>
internal interface IStreamTap
{
    /// <inheritdoc cref="StreamTap{T}.RestoreAsync"/>
    Task<bool> RestoreAsync(CancellationToken cancellationToken);

    /// <inheritdoc cref="StreamTap{T}.RepairAsync"/>
    Task<bool> RepairAsync(CancellationToken cancellationToken);
}
