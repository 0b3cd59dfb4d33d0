using Microsoft.Extensions.Hosting;

namespace Ratio1.Orleans.Client.Connection;

/// <summary>
/// The lifetime of a session's private host: none of its own. The default one (ConsoleLifetime) takes over the
/// process's Ctrl+C and SIGTERM and stops the host without ending the process, so an application whose session
/// received them went on with a stopped client; the signals belong to the application, which disposes the session.
/// </summary>
internal sealed class SessionHostLifetime : IHostLifetime
{
    public Task WaitForStartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
