namespace Ratio1.Orleans.Client.Connection;

/// <summary>
/// What this client knows of its connection to the cluster, as Orleans reports it: whether a gateway connection is
/// open, and a signal that the connection in use when it was read has been lost (calls and waits in flight race it).
/// </summary>
/// <remarks>
/// Orleans opens gateway connections on demand, when a message is sent, so once lost the connection stays down until
/// something calls the cluster; <see cref="Reconnection"/> does. A client with several gateways spreads its calls over
/// them; when one of them goes while others live, Orleans sends new calls through the others, but a call already sent
/// through the lost one waits for an answer that cannot come until its response timeout:
/// <see cref="GatewayLost"/> lets <see cref="ConnectionFaultFilter"/> end that wait.
/// </remarks>
internal sealed class ClusterConnection(string gateways) : IClusterConnectionStatusObserver
{
    private readonly Lock _lock = new();
    private TaskCompletionSource _lost = NewSignal();
    private TaskCompletionSource _gatewayLost = NewSignal();
    private bool _connected = true;

    /// <summary>The gateways as configured, for messages (<c>127.0.0.1:30000</c>).</summary>
    public string Gateways => gateways;

    /// <summary>Whether a gateway connection is open.</summary>
    public bool IsConnected
    {
        get
        {
            lock (_lock)
            {
                return _connected;
            }
        }
    }

    /// <summary>Completes when the connection in use now is lost; read it before a call, race the call against it.</summary>
    public Task Lost
    {
        get
        {
            lock (_lock)
            {
                return _lost.Task;
            }
        }
    }

    /// <summary>
    /// Completes when any gateway connection open now closes, the last one or not; read it before a call, race the
    /// call against it. (Orleans does not say which gateway went, nor which gateway a call went through.)
    /// </summary>
    public Task GatewayLost
    {
        get
        {
            lock (_lock)
            {
                return _gatewayLost.Task;
            }
        }
    }

    /// <summary>Raised, on Orleans' thread, each time the last gateway connection closes.</summary>
    public event Action? ConnectionLost;

    /// <summary>Raised, on Orleans' thread, when a gateway connection closes while others stay open: how many remain.</summary>
    public event Action<int>? GatewayConnectionLost;

    public void NotifyClusterConnectionLost()
    {
        TaskCompletionSource lost;
        lock (_lock)
        {
            _connected = false;
            lost = _lost;
            // Calls that start from now on get a fresh signal: they may well reconnect.
            _lost = NewSignal();
        }

        lost.TrySetResult();
        ConnectionLost?.Invoke();
    }

    public void NotifyGatewayCountChanged(int currentNumberOfGateways, int previousNumberOfGateways, bool connectionRecovered)
    {
        TaskCompletionSource? lost = null;
        lock (_lock)
        {
            _connected = currentNumberOfGateways > 0;
            if (currentNumberOfGateways < previousNumberOfGateways)
            {
                lost = _gatewayLost;
                _gatewayLost = NewSignal();
            }
        }

        if (lost is null)
        {
            return;
        }

        lost.TrySetResult();
        if (currentNumberOfGateways > 0)
        {
            GatewayConnectionLost?.Invoke(currentNumberOfGateways);
        }
    }

    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);
}
