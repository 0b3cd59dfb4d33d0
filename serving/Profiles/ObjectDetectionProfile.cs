using System.Collections.Immutable;
using Ratio1.Orleans.Contracts.Serving;
using Ratio1.Orleans.Serving.Batching;
using Ratio1.Orleans.Serving.Processing;

namespace Ratio1.Orleans.Serving.Profiles;

/// <summary>
/// An image in, objects out: the first output, <c>[batch, boxes, 5 + classes]</c> rows of centre x, centre y, width,
/// height (model-input pixels), objectness and class scores, is decoded, thresholded, filtered by per-class
/// non-maximum suppression and mapped back onto the image that was sent.
/// </summary>
public sealed class ObjectDetectionProfile : ImageProfile
{
    private readonly int _stride;

    public ObjectDetectionProfile(ModelDeclaration declaration, ImmutableArray<TensorInfo> inputs, ImmutableArray<TensorInfo> outputs)
        : base(declaration, inputs, outputs)
    {
        if (outputs.IsDefaultOrEmpty || outputs[0].Shape is not [_, _, var stride] || stride < 6)
        {
            throw ProfileMismatch("needs a first output shaped [batch, boxes, 5 + classes] (centre x, centre y, width, height, objectness, class scores)");
        }

        _stride = (int)stride;
    }

    public override InferenceResult Complete(PreparedInput prepared, BatchResult result, PostprocessSettings settings) =>
        Result(result, detections: DetectionOutput.Read(result.Outputs[0].Values, _stride, prepared.Resize!.Value, settings, Labels));
}
