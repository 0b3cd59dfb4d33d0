using Ratio1.Orleans.Silo.Database;
using Ratio1.Orleans.Silo.Hosting;
using Ratio1.Orleans.Silo.Models;

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

    await EdgeSiloHost.Build(args).RunAsync();
    return 0;
}
catch (Exception e) when (e is ArgumentException or Ratio1.Orleans.Storage.Schema.SchemaMismatchException or InvalidOperationException)
{
    Console.Error.WriteLine($"error: {e.Message}");
    return 1;
}
