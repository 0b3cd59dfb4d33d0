using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Ratio1.Orleans.Grains.Persistence;
using Ratio1.Orleans.Grains.Pipelines;

namespace Ratio1.Orleans.Grains.Hosting;

public static class SiloBuilderGrainsExtensions
{
    /// <summary>Registers what the platform's grains need: their stored-state contracts, the pipeline history store and a clock.</summary>
    public static ISiloBuilder AddRatio1Grains(this ISiloBuilder silo)
    {
        silo.Services.AddGrainStateContracts();
        silo.Services.TryAddSingleton<PipelineRevisionStore>();
        silo.Services.TryAddSingleton(TimeProvider.System);
        return silo;
    }
}
