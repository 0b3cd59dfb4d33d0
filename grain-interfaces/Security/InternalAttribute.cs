namespace Ratio1.Orleans.Contracts.Security;

/// <summary>
/// A grain method only the cluster itself calls (a node's runtime reporting in, one grain telling another): once
/// security is on, a client's call to it is refused.
/// </summary>
[AttributeUsage(AttributeTargets.Method, Inherited = false)]
public sealed class InternalAttribute : Attribute
{
}
