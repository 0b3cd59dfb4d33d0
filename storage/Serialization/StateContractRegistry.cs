namespace Ratio1.Orleans.Storage.Serialization;

/// <summary>Every <see cref="StateContract"/> registered in the service container, by CLR type and by name.</summary>
public sealed class StateContractRegistry
{
    private readonly Dictionary<Type, StateContract> _byType = [];
    private readonly Dictionary<string, StateContract> _byName = new(StringComparer.Ordinal);

    public StateContractRegistry(IEnumerable<StateContract> contracts)
    {
        foreach (var contract in contracts)
        {
            if (!_byName.TryAdd(contract.Name, contract))
            {
                throw new InvalidOperationException($"Two state contracts are named '{contract.Name}'.");
            }

            if (!_byType.TryAdd(contract.StateType, contract))
            {
                throw new InvalidOperationException($"Type {contract.StateType} has two state contracts.");
            }
        }
    }

    public bool TryGet(Type type, out StateContract contract) => _byType.TryGetValue(type, out contract!);

    public IReadOnlyCollection<StateContract> Contracts => _byType.Values;
}
