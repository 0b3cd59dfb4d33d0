namespace Ratio1.Orleans.Client.Connection;

/// <summary>
/// Every grain call this client makes passes here: a call that fails because the cluster could not be reached, or that
/// is still waiting for its answer when the connection is lost, fails with <see cref="ConnectionLostException"/>
/// instead of an Orleans exception or a wait until the response timeout (Orleans keeps a call whose connection closed
/// pending until then, as its answer can no longer come).
/// </summary>
internal sealed class ConnectionFaultFilter(ClusterConnection connection) : IOutgoingGrainCallFilter
{
    public async Task Invoke(IOutgoingGrainCallContext context)
    {
        // Read before sending: a loss after this point can have taken the call with it.
        var lost = connection.Lost;
        Task call;
        try
        {
            call = context.Invoke();
        }
        catch (Exception e) when (ConnectionFaults.Includes(e))
        {
            throw Lost(context, e);
        }

        if (!call.IsCompleted && await Task.WhenAny(call, lost) == lost)
        {
            // The answer can no longer arrive; Orleans still fails the call at its timeout, which nobody awaits then.
            _ = call.ContinueWith(static c => c.Exception, CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted | TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
            throw Lost(context, null);
        }

        try
        {
            await call;
        }
        catch (Exception e) when (ConnectionFaults.Includes(e))
        {
            throw Lost(context, e);
        }
    }

    private ConnectionLostException Lost(IOutgoingGrainCallContext context, Exception? cause)
    {
        var operation = $"{ShortName(context.InterfaceName)}.{context.MethodName}";
        var what = cause is null
            ? $"The connection to the cluster ({connection.Gateways}) was lost while {operation} was in flight"
            : $"The cluster ({connection.Gateways}) could not be reached for {operation}: {cause.GetType().Name}: {FirstLine(cause.Message)}";
        return new ConnectionLostException(
            $"{what}. A change it carried may or may not have been applied: retry it conditionally on the version you expect, or read it back first.",
            operation, cause);
    }

    private static string ShortName(string interfaceName) => interfaceName[(interfaceName.LastIndexOf('.') + 1)..];

    private static string FirstLine(string text) => text.Split('\n', 2)[0].Trim();
}
