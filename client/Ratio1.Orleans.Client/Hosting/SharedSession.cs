using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Ratio1.Orleans.Client.Hosting;

/// <summary>
/// The one session of an application: connected when the host starts (a cluster out of reach fails the start, as
/// Orleans' own client does), closed when it stops.
/// </summary>
internal sealed class SharedSession(IOptions<Ratio1SessionOptions> options) : IHostedService, IRatio1SessionProvider, IAsyncDisposable
{
    private readonly TaskCompletionSource<Ratio1Session> _session = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>The session, once connected.</summary>
    /// <exception cref="InvalidOperationException">The host has not started (or its start failed).</exception>
    public Ratio1Session Session => _session.Task.IsCompletedSuccessfully
        ? _session.Task.Result
        : throw new InvalidOperationException(
            "The Ratio1 session is connected when the host starts: resolve Ratio1Session once the host has started, or await IRatio1SessionProvider.GetSessionAsync.");

    public Task<Ratio1Session> GetSessionAsync(CancellationToken cancellationToken = default) => _session.Task.WaitAsync(cancellationToken);

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        try
        {
            _session.TrySetResult(await Ratio1Session.ConnectAsync(options.Value, cancellationToken));
        }
        catch (Exception e)
        {
            _session.TrySetException(e);
            throw;
        }
    }

    public async Task StopAsync(CancellationToken cancellationToken) => await DisposeAsync();

    public async ValueTask DisposeAsync()
    {
        // Waiters of a host that stops before it connected are not left hanging.
        if (!_session.TrySetException(new ObjectDisposedException(nameof(Ratio1Session), "The host stopped before the Ratio1 session connected.")) &&
            _session.Task.IsCompletedSuccessfully)
        {
            await _session.Task.Result.DisposeAsync();
        }
    }
}
