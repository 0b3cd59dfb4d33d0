using System.Collections.Immutable;
using Ratio1.Orleans.Contracts.Config;
using Ratio1.Orleans.Contracts.Pipelines;

namespace Ratio1.Orleans.Edge.Runtime;

/// <summary>
/// What an instance's config asks of the serving engine — its <c>AI_ENGINE</c> models and its
/// <c>INFERENCE_AI_ENGINE_PARAMS</c>, with the parameters' text as the key under which instances share requests — read
/// once per config rather than at every execution.
/// </summary>
internal sealed record InferencePlan(ImmutableArray<string> Engines, ConfigMap Parameters, string ParametersKey)
{
    public static InferencePlan None { get; } = new([], ConfigMap.Empty, string.Empty);

    public static InferencePlan From(ConfigMap effective)
    {
        var instance = new InstanceConfig("plan", effective);
        var engines = instance.AiEngines;
        if (engines.IsEmpty)
        {
            return None;
        }

        var parameters = instance.InferenceParameters;
        return new InferencePlan(engines, parameters, ConfigValue.FromObject(parameters).ToJson());
    }
}
