using System.Collections.Immutable;
using Ratio1.Orleans.Contracts.Errors;
using Ratio1.Orleans.Contracts.Serving;
using Ratio1.Orleans.Serving.Batching;

namespace Ratio1.Orleans.Serving.Profiles;

/// <summary>
/// A model's pre- and post-processing: turns one <see cref="InferenceInput"/> into the model's input tensors and the
/// model's outputs for that item into an <see cref="InferenceResult"/>.
/// </summary>
public abstract class InferenceProfile
{
    protected InferenceProfile(ModelDeclaration declaration, ImmutableArray<TensorInfo> inputs, ImmutableArray<TensorInfo> outputs)
    {
        Declaration = declaration;
        Inputs = inputs;
        Outputs = outputs;
    }

    protected ModelDeclaration Declaration { get; }

    protected ImmutableArray<TensorInfo> Inputs { get; }

    protected ImmutableArray<TensorInfo> Outputs { get; }

    /// <summary>The profile a declaration names, checked against the model's tensors (an error names <c>Profile</c> when they do not fit).</summary>
    public static InferenceProfile For(ModelDeclaration declaration, ImmutableArray<TensorInfo> inputs, ImmutableArray<TensorInfo> outputs) => declaration.Profile switch
    {
        ModelProfile.ImageClassification => new ImageClassificationProfile(declaration, inputs, outputs),
        ModelProfile.ObjectDetection => new ObjectDetectionProfile(declaration, inputs, outputs),
        _ => new RawTensorProfile(declaration, inputs, outputs),
    };

    /// <summary>The model's input tensors for one item.</summary>
    public abstract PreparedInput Prepare(InferenceInput input);

    /// <summary>The result of one item from its slice of the model's outputs.</summary>
    public abstract InferenceResult Complete(PreparedInput prepared, BatchResult result, PostprocessSettings settings);

    // The provider is stamped by the engine, which knows where the model runs.
    protected InferenceResult Result(BatchResult result, ImmutableArray<ClassScore> classes = default, ImmutableArray<Detection> detections = default) =>
        new(Declaration.Name, Declaration.Version, ExecutionProvider.Cpu, result.Outputs, classes.IsDefault ? [] : classes, detections.IsDefault ? [] : detections,
            result.BatchSize, result.QueueMicroseconds, result.InferenceMicroseconds);

    protected InvalidConfigException ProfileMismatch(string expectation) =>
        new("Profile", $"\"{Declaration.Profile}\"", $"{expectation}; the model has inputs {Describe(Inputs)} and outputs {Describe(Outputs)}");

    protected static string Describe(ImmutableArray<TensorInfo> tensors) => tensors.IsDefaultOrEmpty ? "(none)" : string.Join(", ", tensors);
}
