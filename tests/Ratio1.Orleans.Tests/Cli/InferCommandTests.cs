using System.Text.Json;
using System.Text.RegularExpressions;
using Ratio1.Orleans.Serving.Processing;
using Ratio1.Orleans.Silo.Models;
using Ratio1.Orleans.Tests.Infrastructure;
using Ratio1.Orleans.Tests.Serving.Engine;

namespace Ratio1.Orleans.Tests.Cli;

[Collection(SiloCollection.Name)]
public sealed class InferCommandTests(SiloFixture fixture, SampleModelFiles files) : IClassFixture<SampleModelFiles>, IDisposable
{
    private const string Node = SiloFixture.NodeId;
    private readonly ScratchFiles _scratch = new();

    public void Dispose() => _scratch.Dispose();

    [Fact]
    public async Task Infer_with_tensors_prints_the_output_values_the_model_computes()
    {
        var name = await AddLinearAsync();
        float[] x = [0.3f, -1.2f, 2.5f, 0.7f];

        var result = await R1ctl.RunAsync(fixture, "infer", Node, name, """{"x": [[0.3, -1.2, 2.5, 0.7]]}""");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.StartsWith($"{name} 1 on CPU: batch of 1", result.Stdout);
        var line = Regex.Match(result.Stdout, @"(?m)^  probabilities \[1,3\]: (.+?)\r?$");
        Assert.True(line.Success, result.Stdout);
        var printed = JsonDocument.Parse(line.Groups[1].Value).RootElement[0].EnumerateArray().Select(v => v.GetSingle()).ToArray();
        var expected = files.LinearReference(x);
        Assert.Equal(expected.Length, printed.Length);
        for (var i = 0; i < expected.Length; i++)
        {
            Assert.True(Math.Abs(expected[i] - printed[i]) < 1e-5, $"element {i}: expected {expected[i]}, got {printed[i]}");
        }
    }

    [Fact]
    public async Task Infer_with_an_image_prints_the_objects_the_detector_finds()
    {
        var name = Name();
        await fixture.Session.AddModelAsync(Node, files.DetectorDeclaration(name));
        // A red square on the grid cell (2, 5): the detector's box is that cell, in the picture's pixels.
        var image = SampleModelFiles.Squares((2, 5, 255, 0, 0));
        var png = _scratch.PathOf("red-square.png");
        await File.WriteAllBytesAsync(png, PngEncoder.Encode(image.Width, image.Height, image.Rgb24));

        var result = await R1ctl.RunAsync(fixture, "infer", Node, name, "--image", png);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Matches(@"(?m)^  red\s+\d\.\d{3}  left 16 top 40 right 24 bottom 48\r?$", result.Stdout);
        Assert.DoesNotMatch(@"(?m)^  (green|blue)\s", result.Stdout);
    }

    [Fact]
    public async Task Infer_finds_the_red_square_of_the_silo_samples_with_the_sample_detector()
    {
        var name = Name();
        var folder = _scratch.PathOf("samples");
        await SampleModelsCommand.RunAsync(["sample", folder], new StringWriter(), CancellationToken.None);
        // As the sample command's own output tells a user to.
        var added = await R1ctl.RunAsync(fixture, "models", "add", Node, name, Path.Combine(folder, "color-detector.onnx"),
            "--profile", "object-detection", "--labels", "@" + Path.Combine(folder, "color-detector.labels"));

        var result = await R1ctl.RunAsync(fixture, "infer", Node, name, "--image", Path.Combine(folder, "red-square.png"));

        Assert.True(added.ExitCode == 0, added.ToString());
        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Matches(@"(?m)^  red\s+\d\.\d{3}  left 16 top 40 right 24 bottom 48\r?$", result.Stdout);
    }

    [Fact]
    public async Task Infer_with_an_image_where_the_detector_finds_nothing_says_so()
    {
        var name = Name();
        await fixture.Session.AddModelAsync(Node, files.DetectorDeclaration(name));
        var black = SampleModelFiles.Squares();
        var png = _scratch.PathOf("black.png");
        await File.WriteAllBytesAsync(png, PngEncoder.Encode(black.Width, black.Height, black.Rgb24));

        var result = await R1ctl.RunAsync(fixture, "infer", Node, name, "--image", png);

        // Not the detector's 64 raw rows: they are no answer to "what is in the picture".
        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal(["  no objects found"], result.Stdout.ReplaceLineEndings("\n").TrimEnd().Split('\n')[1..]);
    }

    [Fact]
    public async Task Infer_params_keys_are_read_whatever_their_case()
    {
        var name = Name();
        await fixture.Session.AddModelAsync(Node, files.DetectorDeclaration(name));
        var image = SampleModelFiles.Squares((1, 1, 255, 0, 0), (3, 3, 0, 255, 0), (5, 5, 0, 0, 255));
        var png = _scratch.PathOf("three-squares.png");
        await File.WriteAllBytesAsync(png, PngEncoder.Encode(image.Width, image.Height, image.Rgb24));

        var result = await R1ctl.RunAsync(fixture, "infer", Node, name, "--image", png, "--params", """{"max_detections": 1}""");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Single(Regex.Matches(result.Stdout, @"(?m)^  (red|green|blue)\s"));
    }

    [Fact]
    public async Task Infer_with_tensors_of_the_wrong_shape_exits_5_naming_the_input()
    {
        var name = await AddLinearAsync();

        var result = await R1ctl.RunAsync(fixture, "infer", Node, name, """{"x": [[1, 2, 3, 4, 5]]}""");

        Assert.True(result.ExitCode == 5, result.ToString());
        Assert.Matches(@"(?m)^  inputs\.x = \[1,5\]: ", result.Stderr);
    }

    [Fact]
    public async Task Infer_without_tensors_or_an_image_exits_2()
    {
        var name = await AddLinearAsync();

        var result = await R1ctl.RunAsync(fixture, "infer", Node, name);

        Assert.True(result.ExitCode == 2, result.ToString());
        Assert.Contains("--image", result.Stderr);
    }

    private async Task<string> AddLinearAsync()
    {
        var name = Name();
        await fixture.Session.AddModelAsync(Node, files.LinearDeclaration(name));
        return name;
    }

    // Unique per test: the silo, and the models added to it, are shared by every test of the collection.
    private static string Name() => SiloFixture.UniqueName("cli");
}
