namespace Ratio1.Orleans.Contracts.Nodes;

/// <summary>Liveness of a node as its grain sees it.</summary>
public enum NodeStatus
{
    /// <summary>Its silo reported within the last <see cref="NodeLiveness.LostAfter"/>.</summary>
    Online = 1,
    /// <summary>Its silo shut down cleanly.</summary>
    Offline = 2,
    /// <summary>No report for longer than <see cref="NodeLiveness.LostAfter"/> (Ratio1's "LOST STATUS").</summary>
    Lost = 3,
}
