using Ratio1.Orleans.Contracts.Pipelines;

namespace Ratio1.Orleans.Contracts.Config;

/// <summary>
/// Named checks of string values that a <see cref="ConfigRule.Format"/> can ask for. They are named rather than coded
/// so that a rule keeps them when it travels as data: whoever checks the rule knows every format by name.
/// </summary>
public static class ConfigFormats
{
    /// <summary>A pipeline <c>NAME</c> (<see cref="Identifiers.CheckPipelineName"/>).</summary>
    public const string PipelineName = "pipeline-name";

    /// <summary>A plugin <c>SIGNATURE</c> (<see cref="Identifiers.CheckSignature"/>; upper-snake as given).</summary>
    public const string Signature = "signature";

    /// <summary>An <c>INSTANCE_ID</c> (<see cref="Identifiers.CheckInstanceId"/>).</summary>
    public const string InstanceId = "instance-id";

    /// <summary>A node id (<see cref="Identifiers.CheckNodeId"/>).</summary>
    public const string NodeId = "node-id";

    /// <summary>
    /// Why <paramref name="value"/> is not of <paramref name="format"/>, or null when it is. A format this build does not
    /// know accepts every value: a newer node may name one, and it checks the value itself when the source starts.
    /// </summary>
    public static string? Check(string format, string value) => format switch
    {
        PipelineName => Identifiers.CheckPipelineName(value),
        Signature => Identifiers.CheckSignature(value),
        InstanceId => Identifiers.CheckInstanceId(value),
        NodeId => Identifiers.CheckNodeId(value),
        _ => null,
    };
}
