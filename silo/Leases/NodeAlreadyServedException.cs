namespace Ratio1.Orleans.Silo.Leases;

/// <summary>
/// Another live silo holds this silo's node, or its data folder: this one must not start. The message is one line for
/// an operator, naming that silo and what to do (<see cref="Hosting.SiloExitCodes.NodeAlreadyServed"/>).
/// </summary>
public sealed class NodeAlreadyServedException : Exception
{
    private NodeAlreadyServedException(string message, LeaseHolder? holder)
        : base(message)
    {
        Holder = holder;
    }

    /// <summary>The silo that holds the node, when it could be read.</summary>
    public LeaseHolder? Holder { get; }

    /// <summary>The data folder is locked by a live silo (of this node or of another one).</summary>
    public static NodeAlreadyServedException ForDataFolder(string folder, string node, LeaseHolder? holder) => new(holder switch
    {
        null => $"the data folder {folder} is in use by another live silo (its description {DataFolderLock.HolderFileName} could not be read); stop it first, or give this silo its own --data-dir",
        _ when holder.Node == node => $"node '{node}' already has a live silo: {holder}, on data folder {folder}; stop it first (a silo that stops or dies releases its node at once)",
        _ => $"the data folder {folder} is in use by the live silo of node '{holder.Node}': {holder}; stop it first, or give this silo its own --data-dir",
    }, holder);

    /// <summary>Another silo holds the node's lease in the cluster database.</summary>
    public static NodeAlreadyServedException ForCluster(string node, LeaseHolder? holder, int? backendPid) => new(holder is null
        ? $"node '{node}' already has a live silo in the cluster (it holds the node's lease, database session {backendPid}, but has not described itself yet); stop it first (a silo that stops or dies releases its node at once)"
        : $"node '{node}' already has a live silo in the cluster: {holder}; stop it first (a silo that stops or dies releases its node at once)", holder);

    /// <summary>While this silo was cut off from the database, another silo took its node: this one stops.</summary>
    public static NodeAlreadyServedException Taken(string node, LeaseHolder? holder) => new(
        $"node '{node}' was taken by another silo while this one was cut off from the database: {holder?.ToString() ?? "a silo that has not described itself yet"}; this silo stopped",
        holder);
}
