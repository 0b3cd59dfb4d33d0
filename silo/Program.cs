using Ratio1.Orleans.Silo.Database;
using Ratio1.Orleans.Silo.Hosting;
using Ratio1.Orleans.Silo.Models;
using Ratio1.Orleans.Storage.Schema;

try
{
    if (args is ["db", .. var rest])
    {
        return await DatabaseCommand.RunAsync(rest, Console.Out, CancellationToken.None);
    }

    if (args is ["models", .. var modelArgs])
    {
        return await SampleModelsCommand.RunAsync(modelArgs, Console.Out, CancellationToken.None);
    }

    await using var app = EdgeSiloHost.Build(args);
    // The schema step the silo runs first, done once before the host starts: a database that cannot be used is then
    // one line on stderr and an exit code, rather than a failed start logged with its stack traces.
    await app.Services.GetRequiredService<SchemaMigrator>().PrepareForStartAsync();
    await app.RunAsync();
    return SiloExitCodes.Ok;
}
catch (Exception e) when (StartupFailure.Of(e) is { } failure)
{
    Console.Error.WriteLine($"error: {failure.Message}");
    return failure.ExitCode;
}
