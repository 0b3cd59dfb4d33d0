namespace Ratio1.Orleans.Silo.Hosting;

/// <summary>Logs each certificate <see cref="TlsPeerCheck"/> refuses (Orleans logs a failed handshake without the reason).</summary>
internal sealed partial class TlsRefusalLog(TlsPeerCheck check, ILogger<TlsRefusalLog> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        check.Refused += OnRefused;
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        check.Refused -= OnRefused;
        return Task.CompletedTask;
    }

    private void OnRefused(string subject, string reason) => LogRefused(logger, subject, reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "TLS: refused the certificate '{Subject}' of a remote silo or client: {Reason}")]
    private static partial void LogRefused(ILogger logger, string subject, string reason);
}
