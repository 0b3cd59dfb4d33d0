using Microsoft.Extensions.DependencyInjection;

namespace Ratio1.Orleans.Storage.Serialization;

public static class StateContractServiceCollectionExtensions
{
    /// <summary>Stores <typeparamref name="T"/> under <paramref name="contract"/>.</summary>
    public static IServiceCollection AddStateContract<T>(this IServiceCollection services, StateContract<T> contract) =>
        services.AddSingleton<StateContract>(contract);
}
