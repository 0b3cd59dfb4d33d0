namespace Ratio1.Orleans.Client.Connection;

/// <summary>
/// Every grain call this client makes passes here: a call that fails because the cluster could not be reached, or that
/// is still waiting for its answer when the connection is lost, fails with <see cref="ConnectionLostException"/>
/// instead of an Orleans exception or a wait until the response timeout (Orleans keeps a call whose connection closed
/// pending until then, as its answer can no longer come).
/// </summary>
/// <remarks>
/// With several gateways, losing one of them leaves the client connected, and Orleans sends new calls through the
/// others; but it neither says which gateway a call in flight went through nor fails the calls the lost one carried.
/// So a call in flight when any gateway connection closes gets <paramref name="gatewayLossGrace"/> more to complete (a
/// call through a surviving gateway usually does), and then fails with <see cref="ConnectionLostException"/> rather
/// than wait for an answer that may never come.
/// </remarks>
internal sealed class ConnectionFaultFilter(ClusterConnection connection, TimeSpan gatewayLossGrace) : IOutgoingGrainCallFilter
{
    public async Task Invoke(IOutgoingGrainCallContext context)
    {
        // Read before sending: a loss after this point can have taken the call with it.
        var lost = connection.Lost;
        var gatewayLost = connection.GatewayLost;
        Task call;
        try
        {
            call = context.Invoke();
        }
        catch (Exception e) when (ConnectionFaults.Includes(e))
        {
            throw Lost(context, e, lastGateway: true);
        }

        if (!call.IsCompleted && await Task.WhenAny(call, lost, gatewayLost) != call)
        {
            // A gateway went. The last one: the answer cannot come. Another one: it may have carried this call.
            var lastGateway = lost.IsCompleted;
            if (lastGateway || await Task.WhenAny(call, lost, Task.Delay(gatewayLossGrace, CancellationToken.None)) != call)
            {
                // Orleans still fails the call at its timeout, which nobody awaits then.
                _ = call.ContinueWith(static c => c.Exception, CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted | TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
                throw Lost(context, null, lastGateway || lost.IsCompleted);
            }
        }

        try
        {
            await call;
        }
        catch (Exception e) when (ConnectionFaults.Includes(e))
        {
            throw Lost(context, e, lastGateway: true);
        }
    }

    private ConnectionLostException Lost(IOutgoingGrainCallContext context, Exception? cause, bool lastGateway)
    {
        var operation = $"{ShortName(context.InterfaceName)}.{context.MethodName}";
        var what = cause is not null
            ? $"The cluster ({connection.Gateways}) could not be reached for {operation}: {cause.GetType().Name}: {FirstLine(cause.Message)}"
            : lastGateway
                ? $"The connection to the cluster ({connection.Gateways}) was lost while {operation} was in flight"
                : $"A gateway of the cluster ({connection.Gateways}) was lost while {operation} was in flight, and it did not complete within {gatewayLossGrace.TotalSeconds:0.#} s after (it may have gone through that gateway; the session goes on through the others)";
        return new ConnectionLostException(
            $"{what}. A change it carried may or may not have been applied: retry it conditionally on the version you expect, or read it back first.",
            operation, cause);
    }

    private static string ShortName(string interfaceName) => interfaceName[(interfaceName.LastIndexOf('.') + 1)..];

    private static string FirstLine(string text) => text.Split('\n', 2)[0].Trim();
}
