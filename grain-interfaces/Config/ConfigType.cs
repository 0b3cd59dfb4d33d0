namespace Ratio1.Orleans.Contracts.Config;

/// <summary>Value types a config key accepts, named as in Ratio1's validation rules (<c>int</c>, <c>float</c>, <c>str</c>, ...).</summary>
[Flags]
public enum ConfigType
{
    None = 0,
    Null = 1,
    Bool = 2,
    /// <summary>An integral number.</summary>
    Int = 4,
    /// <summary>Any number, integral or not.</summary>
    Float = 8,
    String = 16,
    List = 32,
    Dict = 64,
    Any = Null | Bool | Int | Float | String | List | Dict,
}
