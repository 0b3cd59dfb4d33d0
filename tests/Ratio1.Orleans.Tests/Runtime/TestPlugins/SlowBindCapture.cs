using Ratio1.Orleans.Contracts.Config;
using Ratio1.Orleans.Contracts.Pipelines;
using Ratio1.Orleans.Plugins;

namespace Ratio1.Orleans.Tests.Runtime.TestPlugins;

/// <summary>
/// A capture source that takes clients' inputs, tagging each with its <c>TAG</c> key (<c>unbound</c> until its config
/// is bound), and takes <see cref="BindTime"/> to bind its config, so a restart leaves a window to push into.
/// </summary>
[CaptureType("TEST_SLOW_BIND", Description = "Test source that tags pushed inputs with TAG and is slow to bind its config")]
public sealed class SlowBindCapture : CaptureSource
{
    public static readonly TimeSpan BindTime = TimeSpan.FromSeconds(1.5);

    private static readonly PluginConfigSchema TagSchema = PluginConfigSchema.For<TagConfig>(PipelineKeys.Rules);

    private volatile string _tag = "unbound";

    public override PluginConfigSchema Schema => TagSchema;

    // Blocks on purpose: a source that binds slowly is what makes reaching it before it is bound observable.
    public override void BindConfig(ConfigMap effective)
    {
        Thread.Sleep(BindTime);
        _tag = TagSchema.Bind<TagConfig>(effective).Tag;
    }

    protected override async Task RunAsync(ICaptureContext context, CancellationToken cancellationToken)
    {
        context.ReportStarted();
        await Task.Delay(Timeout.Infinite, cancellationToken);
    }

    public override bool OnInput(ICaptureContext context, CaptureInput input)
    {
        if (input.Origin != CaptureInputOrigin.Client)
        {
            return false;
        }

        var tagged = ConfigMap.Empty.SetItem("TAG", _tag).SetItem("INPUT", input.Item.Data ?? ConfigValue.Null);
        context.Publish(input.Item with { Data = ConfigValue.FromObject(tagged) });
        return true;
    }

    public sealed class TagConfig : CaptureConfig
    {
        public string Tag { get; set; } = "unbound";
    }
}
