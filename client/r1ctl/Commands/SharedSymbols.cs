using System.CommandLine;

namespace Ratio1.Orleans.Cli.Commands;

/// <summary>Arguments and options several commands take; each call makes a new symbol, as a symbol has one parent.</summary>
internal static class SharedSymbols
{
    public static Argument<string> Node() => new("node") { Description = "Node id, e.g. edge-01." };

    public static Argument<string> Pipeline() => new("pipeline") { Description = "Pipeline NAME." };

    public static Argument<string?> OptionalPipeline() => new("pipeline")
    {
        Description = "Pipeline NAME (or --all).",
        Arity = ArgumentArity.ZeroOrOne,
    };

    public static Argument<string> Signature() => new("signature") { Description = "Plugin SIGNATURE, e.g. SENSOR_THRESHOLD_01." };

    public static Argument<string> InstanceId() => new("instance-id") { Description = "INSTANCE_ID of the plugin instance." };

    public static Option<int?> IfVersion() => new("--if-version")
    {
        Description = "Apply only if the pipeline is at this version (0: only if it does not exist); else fail with a conflict (exit 4).",
        HelpName = "N",
    };

    public static Option<bool> All(string what) => new("--all") { Description = what };
}
