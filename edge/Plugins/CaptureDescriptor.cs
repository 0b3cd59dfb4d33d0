using Ratio1.Orleans.Plugins;

namespace Ratio1.Orleans.Edge.Plugins;

/// <summary>A capture source (pipeline <c>TYPE</c>) the node can run.</summary>
public sealed record CaptureDescriptor(string Type, Type ClrType, string Description, PluginConfigSchema Schema, string Origin)
{
    public CaptureSource Create() => (CaptureSource)Activator.CreateInstance(ClrType)!;
}
