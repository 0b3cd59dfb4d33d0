using Ratio1.Orleans.Silo.Cli;
using Ratio1.Orleans.Silo.Hosting;
using Ratio1.Orleans.Silo.Leases;
using Ratio1.Orleans.Storage.Schema;

try
{
    return await SiloCommandLine.RunAsync(args, Console.Out, Console.Error, RunSiloAsync, CancellationToken.None);
}
catch (NodeAlreadyServedException e)
{
    Console.Error.WriteLine($"error: {e.Message}");
    return SiloExitCodes.NodeAlreadyServed;
}
catch (Exception e) when (StartupFailure.Of(e) is { } failure)
{
    Console.Error.WriteLine($"error: {failure.Message}");
    return failure.ExitCode;
}

static async Task<int> RunSiloAsync(string[] args, CancellationToken cancellationToken)
{
    // Settings are bound and validated as the host is built (SiloSettings.Check), before the lease and the schema step.
    await using var app = EdgeSiloHost.Build(args);
    // One silo per node: claimed before anything touches state, the schema step included, so that a second silo for a
    // node that has a live one stops here, naming it, having changed nothing. Disposed after the host has stopped.
    await using var lease = await NodeLease.ClaimAsync(app.Services, cancellationToken);
    // The schema step the silo runs first, done once before the host starts: a database that cannot be used is then
    // one line on stderr and an exit code, rather than a failed start logged with its stack traces.
    await app.Services.GetRequiredService<SchemaMigrator>().PrepareForStartAsync();
    await lease.HoldAsync(app.Lifetime, cancellationToken);
    await app.RunAsync();
    if (lease.Loss is { } loss)
    {
        Console.Error.WriteLine($"error: {loss.Message}");
        return SiloExitCodes.NodeAlreadyServed;
    }

    return SiloExitCodes.Ok;
}
