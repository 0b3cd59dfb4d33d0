using System.CommandLine;
using System.Globalization;
using Ratio1.Orleans.Cli.Output;
using Ratio1.Orleans.Contracts.Serving;

namespace Ratio1.Orleans.Cli.Commands.Models;

/// <summary><c>r1ctl models list|add|remove</c>: the models a node serves.</summary>
internal static class ModelsCommand
{
    public static Command Create(CommandRunner runner) => new("models", "List, add and remove the models a node serves.")
    {
        List(runner),
        ModelAddCommand.Create(runner),
        Remove(runner),
    };

    private static Command List(CommandRunner runner)
    {
        var node = SharedSymbols.Node();
        var command = new Command("list", "List a running node's models: state, execution provider, batching and what each has served.") { node };
        runner.SetAction(command, async context =>
        {
            var session = await context.ConnectAsync();
            var models = await session.GetModelsAsync(context.Value(node), context.CancellationToken);
            if (context.Output.Json)
            {
                context.Output.WriteJson(models);
                return;
            }

            if (models.Count == 0)
            {
                context.Output.Line("the node serves no models (add one with `r1ctl models add`)");
                return;
            }

            var table = new Table("MODEL", "VERSION", "STATE", "PROFILE", "PROVIDER", "MAX-BATCH", "REQUESTS", "MEAN-BATCH", "P99-US", "SOURCE");
            foreach (var model in models)
            {
                table.AddRow(
                    model.Name, model.Version, model.State.ToString().ToLowerInvariant(), ProfileName(model.Profile), Provider(model),
                    model.MaxBatchSize.ToString(CultureInfo.InvariantCulture), model.Stats.Requests.ToString(CultureInfo.InvariantCulture),
                    model.Stats.MeanBatchSize.ToString("0.0", CultureInfo.InvariantCulture),
                    (model.Stats.QueueP99Microseconds + model.Stats.InferenceP99Microseconds).ToString("0", CultureInfo.InvariantCulture), model.Source);
            }

            context.Output.WriteTable(table);
            foreach (var model in models.Where(m => m.Reason is not null || m.FallbackReason is not null))
            {
                context.Output.Line(model.Reason is not null ? $"{model.Name}: failed: {model.Reason}" : $"{model.Name}: {Fallback(model)}");
            }
        });
        return command;
    }

    private static Command Remove(CommandRunner runner)
    {
        var node = SharedSymbols.Node();
        var name = new Argument<string>("name") { Description = "The model's name." };
        var command = new Command("remove", "Stop serving a model a client added (it is not loaded again when the node restarts).") { node, name };
        runner.SetAction(command, async context =>
        {
            var session = await context.ConnectAsync();
            await session.RemoveModelAsync(context.Value(node), context.Value(name), context.CancellationToken);
            if (context.Output.Json)
            {
                context.Output.WriteJson(new { removed = context.Value(name) });
                return;
            }

            context.Output.Line($"model {context.Value(name)} removed from {context.Value(node)}");
        });
        return command;
    }

    internal static string Provider(ModelStatus model) =>
        model.State == ModelState.Loaded ? $"{ProviderName(model.Provider)}{(model.Provider is ExecutionProvider.Cpu ? string.Empty : $":{model.DeviceId}")}" : "-";

    /// <summary>
    /// Why the model does not run where asked: the requested GPU provider was not used, or under auto, why the
    /// providers it prefers were passed over (the reason names them).
    /// </summary>
    internal static string Fallback(ModelStatus model) => model.RequestedProvider is ExecutionProvider.Auto
        ? $"auto chose {ProviderName(model.Provider)}: {model.FallbackReason}"
        : $"{ProviderName(model.RequestedProvider)} not used: {model.FallbackReason}";

    /// <summary>A profile as <c>models add --profile</c> takes it.</summary>
    internal static string ProfileName(ModelProfile profile) => profile switch
    {
        ModelProfile.RawTensor => "raw",
        ModelProfile.ImageClassification => "image-classification",
        ModelProfile.ObjectDetection => "object-detection",
        _ => profile.ToString(),
    };

    /// <summary>A provider as the rest of the output writes it (<c>CPU</c>, <c>CUDA</c>, <c>TENSORRT</c>), not as the enum spells it.</summary>
    internal static string ProviderName(ExecutionProvider provider) => provider.ToString().ToUpperInvariant();
}
