using System.Collections.Immutable;
using Ratio1.Orleans.Contracts.Serving;
using Ratio1.Orleans.Serving.Batching;
using Ratio1.Orleans.Serving.Processing;

namespace Ratio1.Orleans.Serving.Profiles;

/// <summary>An image in, the top classes out: the first output, <c>[batch, classes]</c>, through softmax (unless the model ends in one) and top-k.</summary>
public sealed class ImageClassificationProfile : ImageProfile
{
    public ImageClassificationProfile(ModelDeclaration declaration, ImmutableArray<TensorInfo> inputs, ImmutableArray<TensorInfo> outputs)
        : base(declaration, inputs, outputs)
    {
        if (outputs.IsDefaultOrEmpty || outputs[0].Shape.Length != 2)
        {
            throw ProfileMismatch("needs a first output shaped [batch, classes]");
        }
    }

    public override InferenceResult Complete(PreparedInput prepared, BatchResult result, PostprocessSettings settings) =>
        Result(result, classes: ClassificationOutput.Read(result.Outputs[0].Values, settings, Labels));
}
