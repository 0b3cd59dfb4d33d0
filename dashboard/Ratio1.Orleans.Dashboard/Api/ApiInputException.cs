namespace Ratio1.Orleans.Dashboard.Api;

/// <summary>A request's own input (a query parameter, the body) cannot be used: HTTP 400 naming the field and the value.</summary>
public sealed class ApiInputException(string name, string? value, string reason)
    : Exception(value is null ? $"{name}: {reason}" : $"{name} = {value}: {reason}")
{
    /// <summary>The offending field (a query parameter or body property).</summary>
    public string Field => name;

    /// <summary>The offending value as JSON text, or null when missing.</summary>
    public string? Value => value;

    public string Reason => reason;
}
