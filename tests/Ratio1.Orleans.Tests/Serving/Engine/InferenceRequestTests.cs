using Ratio1.Orleans.Contracts.Errors;
using Ratio1.Orleans.Contracts.Serving;
using Ratio1.Orleans.Tests.Infrastructure;

namespace Ratio1.Orleans.Tests.Serving.Engine;

/// <summary>Request/response inference from a client (<c>session.InferAsync</c>) through the node's serving engine.</summary>
[Collection(SiloCollection.Name)]
public sealed class InferenceRequestTests(SiloFixture fixture, SampleModelFiles files) : IClassFixture<SampleModelFiles>
{
    private const string Node = SiloFixture.NodeId;

    [Fact]
    public async Task A_client_request_returns_what_the_model_computes()
    {
        var name = await AddLinearAsync();
        float[] x = [0.3f, -1.2f, 2.5f, 0.7f];

        var result = await fixture.Session.InferAsync(Node, name, InferenceInput.FromTensor("x", [1, 4], x));

        var output = Assert.Single(result.Outputs);
        Assert.Equal("probabilities", output.Name);
        Assert.Equal(new long[] { 1, 3 }, output.Shape.ToArray());
        AssertClose(files.LinearReference(x), output.Values);
    }

    [Fact]
    public async Task Concurrent_requests_are_batched_and_each_gets_its_own_result()
    {
        var name = await AddLinearAsync(new BatchingSettings(MaxBatchSize: 16, MaxQueueDelayMicroseconds: 5_000));
        var inputs = Enumerable.Range(0, 64).Select(i => new[] { i * 0.1f, 1 - (i * 0.05f), i % 7, -i * 0.02f }).ToArray();

        var results = await Task.WhenAll(inputs.Select(x => fixture.Session.InferAsync(Node, name, InferenceInput.FromTensor("x", [1, 4], x))));

        for (var i = 0; i < inputs.Length; i++)
        {
            AssertClose(files.LinearReference(inputs[i]), results[i].Outputs[0].Values);
        }

        Assert.Contains(results, r => r.BatchSize > 1);
        Assert.All(results, r => Assert.InRange(r.BatchSize, 1, 16));
    }

    [Fact]
    public async Task An_input_of_the_wrong_shape_is_refused_naming_the_input_and_its_shape()
    {
        var name = await AddLinearAsync();

        var error = await Assert.ThrowsAsync<InvalidConfigException>(() =>
            fixture.Session.InferAsync(Node, name, InferenceInput.FromTensor("x", [1, 5], [1, 2, 3, 4, 5])));

        Assert.Equal(("inputs.x", "[1,5]"), (error.Field, error.Value));
    }

    [Fact]
    public async Task A_request_for_a_model_the_node_lacks_lists_the_models_it_serves()
    {
        var name = await AddLinearAsync();

        var error = await Assert.ThrowsAsync<ModelNotFoundException>(() =>
            fixture.Session.InferAsync(Node, "no-such-model", InferenceInput.FromTensor("x", [1, 4], [1, 2, 3, 4])));

        Assert.Contains(name, error.Available);
        Assert.Contains("no-such-model", error.Message);
    }

    [Fact]
    public async Task A_detector_request_returns_the_objects_found_with_boxes_on_the_image_sent()
    {
        var name = "det-" + Guid.NewGuid().ToString("N")[..8];
        await fixture.Session.AddModelAsync(Node, files.DetectorDeclaration(name));
        // The same picture at twice the model's size: boxes come back in its own pixels.
        var small = SampleModelFiles.Squares((2, 5, 255, 0, 0), (6, 1, 0, 0, 255));
        var large = Upscale(small, 2);

        var result = await fixture.Session.InferAsync(Node, name, InferenceInput.FromImage(large));

        Assert.Equal(2, result.Detections.Length);
        var red = Assert.Single(result.Detections, d => d.Label == "red");
        Assert.Equal((32f, 80f, 48f, 96f), (red.Left, red.Top, red.Right, red.Bottom));
        Assert.Single(result.Detections, d => d.Label == "blue");
    }

    [Fact]
    public async Task Inference_parameters_of_the_request_override_the_model_defaults()
    {
        var name = "det-" + Guid.NewGuid().ToString("N")[..8];
        await fixture.Session.AddModelAsync(Node, files.DetectorDeclaration(name));
        var image = SampleModelFiles.Squares((1, 1, 255, 0, 0), (3, 3, 0, 255, 0), (5, 5, 0, 0, 255));

        var result = await fixture.Session.InferAsync(Node, name, InferenceInput.FromImage(image), new Dictionary<string, object?> { ["MAX_DETECTIONS"] = 1 });

        Assert.Single(result.Detections);
    }

    private async Task<string> AddLinearAsync(BatchingSettings? batching = null)
    {
        var name = "lin-" + Guid.NewGuid().ToString("N")[..8];
        await fixture.Session.AddModelAsync(Node, files.LinearDeclaration(name) with { Batching = batching });
        return name;
    }

    private static InferenceImage Upscale(InferenceImage image, int factor)
    {
        var (w, h) = (image.Width * factor, image.Height * factor);
        var pixels = new byte[w * h * 3];
        for (var y = 0; y < h; y++)
        {
            for (var x = 0; x < w; x++)
            {
                Array.Copy(image.Rgb24, (((y / factor) * image.Width) + (x / factor)) * 3, pixels, ((y * w) + x) * 3, 3);
            }
        }

        return new InferenceImage(w, h, pixels);
    }

    private static void AssertClose(float[] expected, float[] actual)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (var i = 0; i < expected.Length; i++)
        {
            Assert.True(Math.Abs(expected[i] - actual[i]) < 1e-5, $"element {i}: expected {expected[i]}, got {actual[i]}");
        }
    }
}
