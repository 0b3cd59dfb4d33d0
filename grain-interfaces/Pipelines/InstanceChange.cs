namespace Ratio1.Orleans.Contracts.Pipelines;

/// <summary>What a change did to one plugin instance.</summary>
public enum InstanceChange
{
    Unchanged = 0,
    Created = 1,
    Updated = 2,
    Removed = 3,
}
