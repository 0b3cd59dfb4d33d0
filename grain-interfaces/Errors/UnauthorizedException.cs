namespace Ratio1.Orleans.Contracts.Errors;

/// <summary>
/// The caller may not do this: it is not on the allow-list of the node (or the fleet), or its role is below the one the
/// operation needs, or it did not sign a request a secured cluster requires signed. Nothing was done.
/// </summary>
[GenerateSerializer, Alias("r1.error.unauthorized")]
public sealed class UnauthorizedException : Ratio1Exception
{
    public UnauthorizedException()
    {
    }

    /// <param name="operation">What was refused, e.g. <c>deploy (r1.IPipelineGrain/update-config)</c>.</param>
    /// <param name="caller">The caller's address, or null when the request was not signed.</param>
    /// <param name="scope">The node id, or <c>*</c> for the fleet.</param>
    /// <param name="required">The role the operation needs.</param>
    /// <param name="held">The role the caller holds there.</param>
    /// <param name="detail">Why, when it is not simply the role.</param>
    public UnauthorizedException(string operation, string? caller, string scope, string required, string held, string? detail = null)
        : base(Describe(operation, caller, scope, required, held, detail))
    {
        Operation = operation;
        Caller = caller;
        Scope = scope;
        RequiredRole = required;
        HeldRole = held;
    }

    [Id(0)] public string Operation { get; private set; } = string.Empty;

    /// <summary>The caller's address (null: unsigned request).</summary>
    [Id(1)] public string? Caller { get; private set; }

    /// <summary>The node id, or <c>*</c> for the fleet.</summary>
    [Id(2)] public string Scope { get; private set; } = string.Empty;

    [Id(3)] public string RequiredRole { get; private set; } = string.Empty;

    [Id(4)] public string HeldRole { get; private set; } = string.Empty;

    private static string Describe(string operation, string? caller, string scope, string required, string held, string? detail)
    {
        var where = scope == "*" ? "the fleet" : $"node '{scope}'";
        var who = caller is null ? "An unsigned request" : $"Identity {caller}";
        return detail is not null
            ? $"Unauthorized: {operation} refused on {where}: {detail}. Nothing was done."
            : $"Unauthorized: {who} holds role '{held}' on {where}; {operation} needs '{required}'. Nothing was done.";
    }
}
