namespace Ratio1.Orleans.Client.Hosting;

/// <summary>
/// The application's shared <see cref="Ratio1Session"/>, registered by <c>AddRatio1Client</c>: for code that runs
/// before the host has connected it (another hosted service's <c>StartAsync</c>, a constructor). Code that runs once
/// the host started (controllers, endpoints, a <c>BackgroundService</c>'s loop) can take <see cref="Ratio1Session"/> itself.
/// </summary>
public interface IRatio1SessionProvider
{
    /// <summary>
    /// The shared session, once the host has connected it. Fails as the connection failed (e.g.
    /// <see cref="Ratio1ConnectionException"/>), or with <see cref="ObjectDisposedException"/> once the host stopped.
    /// </summary>
    Task<Ratio1Session> GetSessionAsync(CancellationToken cancellationToken = default);
}
