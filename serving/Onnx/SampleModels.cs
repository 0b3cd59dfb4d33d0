namespace Ratio1.Orleans.Serving.Onnx;

/// <summary>
/// Factories of small ONNX models built in code, so that tests, examples and benchmarks need no downloaded model.
/// Weights come from a seeded <see cref="Random"/>, so one seed always gives the same model.
/// </summary>
public static class SampleModels
{
    /// <summary>
    /// A linear classifier: <c>x</c> float[batch, features] → <c>probabilities</c> = Softmax(x·W + b) float[batch,
    /// classes], or <c>logits</c> = x·W + b when <paramref name="softmax"/> is false.
    /// </summary>
    public static LinearClassifierModel LinearClassifier(int features, int classes, int seed = 1, bool softmax = true)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(features, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(classes, 1);

        var random = new Random(seed);
        var bound = 1 / Math.Sqrt(features);
        var weights = Uniform(random, features * classes, bound);
        var bias = Uniform(random, classes, bound);
        var output = softmax ? LinearClassifierModel.ProbabilitiesOutput : LinearClassifierModel.LogitsOutput;

        var graph = new OnnxGraphBuilder("linear_classifier");
        var x = graph.AddInput(LinearClassifierModel.Input, OnnxElementType.Float, SampleModel.BatchAxis, features);
        var w = graph.AddFloats("W", [features, classes], weights);
        var b = graph.AddFloats("b", [classes], bias);
        var product = graph.AddNode("MatMul", [x, w]);
        var logits = graph.AddNode("Add", [product, b], output: softmax ? null : output);
        if (softmax)
        {
            graph.AddNode("Softmax", [logits], [OnnxAttribute.Int("axis", -1)], output);
        }

        graph.AddOutput(output, OnnxElementType.Float, SampleModel.BatchAxis, classes);

        return new LinearClassifierModel(OnnxModelWriter.Write(graph.Build()), features, classes, weights, bias, softmax);
    }

    /// <summary>
    /// A small convolutional classifier: <c>image</c> float[batch, 3, height, width] → two 3×3 convolutions with a
    /// 2×2 max pool between them, a global average pool and a dense layer → <c>logits</c> float[batch, classes].
    /// See <see cref="ConvClassifierModel"/> for the exact layers.
    /// </summary>
    public static ConvClassifierModel ConvClassifier(int classes = 10, int seed = 1, int height = 32, int width = 32)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(classes, 1);
        // The 2×2 pool needs at least one full window.
        ArgumentOutOfRangeException.ThrowIfLessThan(height, 2);
        ArgumentOutOfRangeException.ThrowIfLessThan(width, 2);

        const int inChannels = ConvClassifierModel.InputChannels;
        const int firstChannels = ConvClassifierModel.FirstConvChannels;
        const int secondChannels = ConvClassifierModel.SecondConvChannels;
        const int kernel = ConvClassifierModel.KernelSize;

        var random = new Random(seed);
        // He-style bounds keep activations from shrinking through the ReLUs, so the logits are not all near zero.
        var firstWeights = Uniform(random, firstChannels * inChannels * kernel * kernel, Math.Sqrt(6.0 / (inChannels * kernel * kernel)));
        var firstBias = Uniform(random, firstChannels, 0.1);
        var secondWeights = Uniform(random, secondChannels * firstChannels * kernel * kernel, Math.Sqrt(6.0 / (firstChannels * kernel * kernel)));
        var secondBias = Uniform(random, secondChannels, 0.1);
        var denseWeights = Uniform(random, classes * secondChannels, Math.Sqrt(6.0 / secondChannels));
        var denseBias = Uniform(random, classes, 0.1);

        var graph = new OnnxGraphBuilder("conv_classifier");
        var image = graph.AddInput(
            ConvClassifierModel.Input, OnnxElementType.Float, SampleModel.BatchAxis, inChannels, height, width);
        var convolution = new[]
        {
            OnnxAttribute.Ints("kernel_shape", kernel, kernel),
            OnnxAttribute.Ints("pads", 1, 1, 1, 1),
        };
        var first = graph.AddNode(
            "Conv",
            [image, graph.AddFloats("conv1_w", [firstChannels, inChannels, kernel, kernel], firstWeights),
                graph.AddFloats("conv1_b", [firstChannels], firstBias)],
            convolution);
        var pooled = graph.AddNode(
            "MaxPool",
            [graph.AddNode("Relu", [first])],
            [OnnxAttribute.Ints("kernel_shape", 2, 2), OnnxAttribute.Ints("strides", 2, 2)]);
        var second = graph.AddNode(
            "Conv",
            [pooled, graph.AddFloats("conv2_w", [secondChannels, firstChannels, kernel, kernel], secondWeights),
                graph.AddFloats("conv2_b", [secondChannels], secondBias)],
            convolution);
        var averaged = graph.AddNode("GlobalAveragePool", [graph.AddNode("Relu", [second])]);
        var features = graph.AddNode("Flatten", [averaged], [OnnxAttribute.Int("axis", 1)]);
        graph.AddNode(
            "Gemm",
            [features, graph.AddFloats("dense_w", [classes, secondChannels], denseWeights),
                graph.AddFloats("dense_b", [classes], denseBias)],
            [OnnxAttribute.Int("transB", 1)],
            ConvClassifierModel.Output);
        graph.AddOutput(ConvClassifierModel.Output, OnnxElementType.Float, SampleModel.BatchAxis, classes);

        return new ConvClassifierModel(
            OnnxModelWriter.Write(graph.Build()), height, width, classes,
            firstWeights, firstBias, secondWeights, secondBias, denseWeights, denseBias);
    }

    /// <summary>
    /// A detector-shaped model over a 64×64 RGB image: one output row per 8×8 cell with the cell's box, its objectness
    /// (mean brightness) and scores for "red", "green" and "blue". See <see cref="GridDetectorModel"/> for the layout.
    /// The defaults make a pure red cell score above 0.9 for objectness and red, and a black cell below 0.1.
    /// </summary>
    public static GridDetectorModel GridDetector(
        float objectnessGain = 24f,
        float objectnessBias = 4f,
        float classGain = 8f,
        float classBias = 2f)
    {
        const int grid = GridDetectorModel.GridSize;
        const int cell = GridDetectorModel.CellSize;
        const int classes = 3;

        var graph = new OnnxGraphBuilder("grid_detector");
        var image = graph.AddInput(
            GridDetectorModel.Input, OnnxElementType.Float,
            SampleModel.BatchAxis, 3, GridDetectorModel.ImageSize, GridDetectorModel.ImageSize);

        // Each cell's mean colour: [batch, 3, 8, 8].
        var cells = graph.AddNode(
            "AveragePool",
            [image],
            [OnnxAttribute.Ints("kernel_shape", cell, cell), OnnxAttribute.Ints("strides", cell, cell)]);

        // Score logits as a 1×1 convolution: channel 0 objectness, channels 1..3 one class each.
        var scoreWeights = new float[(1 + classes) * 3];
        var scoreBias = new float[1 + classes];
        for (var channel = 0; channel < 3; channel++)
        {
            scoreWeights[channel] = objectnessGain / 3;
        }

        scoreBias[0] = -objectnessBias;
        for (var label = 0; label < classes; label++)
        {
            for (var channel = 0; channel < 3; channel++)
            {
                scoreWeights[(1 + label) * 3 + channel] = channel == label ? classGain : -classGain / 2;
            }

            scoreBias[1 + label] = -classBias;
        }
        var scoreLogits = graph.AddNode(
            "Conv",
            [cells, graph.AddFloats("score_w", [1 + classes, 3, 1, 1], scoreWeights),
                graph.AddFloats("score_b", [1 + classes], scoreBias)]);
        var scores = graph.AddNode("Sigmoid", [scoreLogits]);

        // Box channels are constants, but Concat needs them per image: a zero-weight convolution yields zeros of the
        // batch's shape, and adding the [1, 4, 8, 8] grid broadcasts it over the batch.
        var zeros = graph.AddNode(
            "Conv", [cells, graph.AddFloats("box_zero_w", [4, 3, 1, 1], new float[4 * 3])]);
        var boxGrid = new float[4 * grid * grid];
        for (var cy = 0; cy < grid; cy++)
        {
            for (var cx = 0; cx < grid; cx++)
            {
                var at = cy * grid + cx;
                boxGrid[0 * grid * grid + at] = cx * cell + cell / 2f;
                boxGrid[1 * grid * grid + at] = cy * cell + cell / 2f;
                boxGrid[2 * grid * grid + at] = cell;
                boxGrid[3 * grid * grid + at] = cell;
            }
        }
        var boxes = graph.AddNode("Add", [zeros, graph.AddFloats("box_grid", [1, 4, grid, grid], boxGrid)]);

        var rows = graph.AddNode("Concat", [boxes, scores], [OnnxAttribute.Int("axis", 1)]);
        // 0 keeps the batch axis as it is; the cells (y, then x) flatten into row index cy * 8 + cx.
        var channelsByCell = graph.AddNode(
            "Reshape",
            [rows, graph.AddInt64s("rows_shape", [3], [0, GridDetectorModel.RowLength, GridDetectorModel.CellCount])]);
        graph.AddNode(
            "Transpose", [channelsByCell], [OnnxAttribute.Ints("perm", 0, 2, 1)], GridDetectorModel.Output);
        graph.AddOutput(
            GridDetectorModel.Output, OnnxElementType.Float,
            SampleModel.BatchAxis, GridDetectorModel.CellCount, GridDetectorModel.RowLength);

        return new GridDetectorModel(
            OnnxModelWriter.Write(graph.Build()), objectnessGain, objectnessBias, classGain, classBias);
    }

    private static float[] Uniform(Random random, int count, double bound)
    {
        var values = new float[count];
        for (var i = 0; i < count; i++)
        {
            values[i] = (float)((random.NextDouble() * 2 - 1) * bound);
        }

        return values;
    }
}
