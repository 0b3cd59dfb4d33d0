namespace Ratio1.Orleans.Edge.Telemetry;

/// <summary>The instruments the node's runners record to: one recorder per instance and per capture source.</summary>
public sealed record RuntimeMetrics(InstanceMetrics Instances, CaptureMetrics Captures);
