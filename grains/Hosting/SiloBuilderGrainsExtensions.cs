using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Ratio1.Orleans.Grains.Nodes;
using Ratio1.Orleans.Grains.Persistence;

namespace Ratio1.Orleans.Grains.Hosting;

public static class SiloBuilderGrainsExtensions
{
    /// <summary>Registers what the platform's grains need: their stored-state contracts, a clock, and typed storage errors.</summary>
    public static ISiloBuilder AddRatio1Grains(this ISiloBuilder silo)
    {
        silo.Services.AddGrainStateContracts();
        silo.Services.TryAddSingleton(TimeProvider.System);
        silo.Services.TryAddSingleton<RegisteredNodes>();
        silo.AddIncomingGrainCallFilter<StorageFailureFilter>();
        return silo;
    }
}
