namespace Ratio1.Orleans.Contracts.Serving;

/// <summary>How the serving engine turns inputs into tensors and outputs into results for a model.</summary>
[GenerateSerializer, Alias("r1.model-profile")]
public enum ModelProfile
{
    /// <summary>Tensors in, every output tensor out.</summary>
    RawTensor = 0,

    /// <summary>An RGB image in (resized, normalised, NCHW), class scores out (softmax, top-k labels).</summary>
    ImageClassification = 1,

    /// <summary>
    /// An RGB image in, boxes out: the output is <c>[batch, boxes, 5 + classes]</c> rows of centre x, centre y, width,
    /// height (input pixels), objectness, class scores; decoded, thresholded and filtered by non-maximum suppression.
    /// </summary>
    ObjectDetection = 2,
}
