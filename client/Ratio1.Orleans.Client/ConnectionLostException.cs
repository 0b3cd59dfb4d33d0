namespace Ratio1.Orleans.Client;

/// <summary>
/// The connection to the cluster was lost while a call was in flight, or the cluster could not be reached for the call
/// (its silo is down or restarting, no gateway is reachable, or the gateway refused the call). Every call of
/// <see cref="Ratio1Session"/>, <see cref="Pipeline"/> and <see cref="PluginInstance"/> reports such a fault with this
/// exception, never with an Orleans one.
/// </summary>
/// <remarks>
/// <para>
/// The call may or may not have taken effect: a change can have been applied just before the connection went. It is
/// retryable (<see cref="IsRetryable"/>); retry a change conditionally, with the version you expect
/// (<c>expectedVersion</c>, or <see cref="Pipeline.DeployAsync"/>, which always is), so a change that did go through is
/// reported as a <see cref="Contracts.Errors.ConfigConflictException"/> rather than applied twice; or read the state
/// back first.
/// </para>
/// <para>
/// The session reconnects by itself (see <see cref="Ratio1Session.ConnectionLost"/> and
/// <see cref="Ratio1Session.Reconnected"/>); a call made once the cluster is back goes through.
/// </para>
/// </remarks>
public sealed class ConnectionLostException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="operation">The call that failed, e.g. <c>IPipelineGrain.UpdateInstancesAsync</c>.</param>
    public ConnectionLostException(string message, string? operation = null, Exception? innerException = null)
        : base(message, innerException)
    {
        Operation = operation;
    }

    /// <summary>
    /// Always true: the fault is in the connection, not in the request, so the same request can succeed once the
    /// cluster is reachable again (conditionally, for a change: it may already have been applied).
    /// </summary>
    public bool IsRetryable => true;

    /// <summary>The grain call that failed (<c>IPipelineGrain.UpdateInstancesAsync</c>), or null when the connection was lost while waiting for the node's answer.</summary>
    public string? Operation { get; }
}
