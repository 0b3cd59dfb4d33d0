using System.Collections.Concurrent;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Ratio1.Orleans.Client;
using Ratio1.Orleans.Dashboard.Hosting;

namespace Ratio1.Orleans.Dashboard.Access;

/// <summary>
/// The client sessions the dashboard acts through: its own (the live feed; requests of users without an identity) and
/// one per dashboard user, signed with that user's identity, so the silos authorise each action as any client's.
/// Each is connected on first use (a failed connect is retried by the next request) and then reconnects by itself
/// like any client; all are closed when the host stops.
/// </summary>
public sealed partial class DashboardSessions(
    IOptions<DashboardOptions> options, DashboardConnection connection, DashboardAccess access, ILoggerFactory loggerFactory, ILogger<DashboardSessions> logger)
    : IHostedService, IAsyncDisposable
{
    private readonly ConcurrentDictionary<string, Slot> _slots = new(StringComparer.Ordinal);
    private int _closed;

    /// <summary>The dashboard's own session (its <c>Dashboard:IdentityFile</c>, or unsigned).</summary>
    public Task<Ratio1Session> ForDashboardAsync(CancellationToken cancellationToken) =>
        ForCallerAsync(DashboardCaller.Dashboard, cancellationToken);

    /// <summary>The session a request acts through (see <see cref="DashboardAccess.Identify"/>).</summary>
    /// <exception cref="DashboardUnauthenticatedException">The request needs a token it did not present.</exception>
    public Task<Ratio1Session> ForRequestAsync(HttpContext context, CancellationToken cancellationToken) =>
        ForCallerAsync(access.Identify(context), cancellationToken);

    /// <summary>The session of <paramref name="caller"/>: its own when it has an identity, else the dashboard's.</summary>
    public Task<Ratio1Session> ForCallerAsync(DashboardCaller caller, CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _closed) != 0, this);
        var key = caller.SessionKey;
        var slot = _slots.GetOrAdd(key, _ => key.Length == 0
            ? new Slot(options.Value.ClientName, options.Value.IdentityFile is { Length: > 0 } file ? file : null)
            : new Slot($"{options.Value.ClientName}:{caller.User}", caller.IdentityFile));
        return slot.GetAsync(connection, loggerFactory, cancellationToken);
    }

    /// <inheritdoc/>
    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>Closes every session (before the silo hosting them stops, when registered after it).</summary>
    public Task StopAsync(CancellationToken cancellationToken) => DisposeAsync().AsTask();

    /// <inheritdoc/>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _closed, 1) != 0)
        {
            return;
        }

        foreach (var slot in _slots.Values)
        {
            await slot.DisposeAsync();
        }

        LogClosed(logger, _slots.Count);
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Closed the dashboard's {Count} session(s)")]
    private static partial void LogClosed(ILogger logger, int count);

    private sealed class Slot(string clientName, string? identityFile) : IAsyncDisposable
    {
        private readonly SemaphoreSlim _connecting = new(1, 1);
        private Ratio1Session? _session;
        private bool _disposed;

        public async Task<Ratio1Session> GetAsync(DashboardConnection connection, ILoggerFactory loggerFactory, CancellationToken cancellationToken)
        {
            if (Volatile.Read(ref _session) is { } ready)
            {
                return ready;
            }

            await _connecting.WaitAsync(cancellationToken);
            try
            {
                ObjectDisposedException.ThrowIf(_disposed, this);
                if (_session is { } connected)
                {
                    return connected;
                }

                var sessionOptions = connection.For(clientName, identityFile);
                sessionOptions.LoggerFactory ??= loggerFactory;
                var session = await Ratio1Session.ConnectAsync(sessionOptions, cancellationToken);
                Volatile.Write(ref _session, session);
                return session;
            }
            finally
            {
                _connecting.Release();
            }
        }

        public async ValueTask DisposeAsync()
        {
            await _connecting.WaitAsync();
            try
            {
                _disposed = true;
                if (_session is { } session)
                {
                    _session = null;
                    await session.DisposeAsync();
                }
            }
            finally
            {
                _connecting.Release();
            }
        }
    }
}
