using System.Reflection;
using Ratio1.Orleans.Contracts;
using Ratio1.Orleans.Contracts.Security;

namespace Ratio1.Orleans.Tests.Security;

/// <summary>Every grain method of the platform's contracts says who may call it, so none is left open by omission.</summary>
public sealed class AccessContractTests
{
    private static IEnumerable<MethodInfo> GrainMethods() =>
        typeof(GrainKeys).Assembly.GetTypes()
            .Where(t => t.IsInterface && typeof(IGrain).IsAssignableFrom(t))
            .SelectMany(t => t.GetMethods());

    [Fact]
    public void Every_grain_method_is_marked_client_callable_with_a_role_or_internal()
    {
        var unmarked = GrainMethods()
            .Where(m => (m.GetCustomAttribute<AccessAttribute>() is null) == (m.GetCustomAttribute<InternalAttribute>() is null))
            .Select(m => $"{m.DeclaringType!.Name}.{m.Name}")
            .ToList();

        Assert.True(unmarked.Count == 0, "Mark each with [Access(role)] or [Internal] (not both): " + string.Join(", ", unmarked));
    }

    [Fact]
    public void Every_method_that_changes_state_needs_at_least_the_operator_role()
    {
        string[] changing = ["Update", "Replace", "Archive", "Delete", "Rollback", "Send", "Push", "Grant", "Revoke", "AddModel", "RemoveModel", "BatchUpdate"];
        var tooOpen = GrainMethods()
            .Where(m => changing.Any(p => m.Name.StartsWith(p, StringComparison.Ordinal)))
            .Where(m => m.GetCustomAttribute<AccessAttribute>() is { Role: < AccessRole.Operator })
            .Select(m => $"{m.DeclaringType!.Name}.{m.Name}")
            .ToList();

        Assert.Empty(tooOpen);
    }
}
