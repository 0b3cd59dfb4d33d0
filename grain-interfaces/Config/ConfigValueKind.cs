namespace Ratio1.Orleans.Contracts.Config;

/// <summary>The JSON kind of a <see cref="ConfigValue"/>.</summary>
public enum ConfigValueKind
{
    Null = 0,
    Boolean = 1,
    Number = 2,
    String = 3,
    Array = 4,
    Object = 5,
}
