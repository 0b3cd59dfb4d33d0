using Ratio1.Orleans.Tests.Infrastructure;
using Ratio1.Orleans.Tests.Serving.Engine;

namespace Ratio1.Orleans.Tests.Cli;

[Collection(SiloCollection.Name)]
public sealed class ModelsCommandTests(SiloFixture fixture, SampleModelFiles files) : IClassFixture<SampleModelFiles>
{
    private const string Node = SiloFixture.NodeId;

    [Fact]
    public async Task Models_add_prints_the_provider_and_the_tensors_of_the_model()
    {
        var name = Name();

        var result = await R1ctl.RunAsync(fixture, "models", "add", Node, name, files.LinearPath, "--provider", "cpu");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.StartsWith($"model {name} version 1 serving on {Node}: CPU, batches of up to 32", result.Stdout);
        Assert.Matches(@"(?m)^  inputs:\s+x float32\[\?,4\]\r?$", result.Stdout);
        Assert.Matches(@"(?m)^  outputs:\s+probabilities float32\[\?,3\]\r?$", result.Stdout);
    }

    [Fact]
    public async Task Models_add_with_json_writes_the_status_of_the_model()
    {
        var name = Name();

        var result = await R1ctl.RunAsync(fixture, "models", "add", Node, name, files.LinearPath, "--version", "7", "--max-batch", "8", "--json");
        var json = result.StdoutJson();

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal((name, "7", "Loaded", "registry"),
            (json.GetProperty("name").GetString(), json.GetProperty("version").GetString(), json.GetProperty("state").GetString(), json.GetProperty("source").GetString()));
        Assert.Equal("Cpu", json.GetProperty("provider").GetString());
        Assert.Equal(8, json.GetProperty("maxBatchSize").GetInt32());
        Assert.Equal("x", json.GetProperty("inputs")[0].GetProperty("name").GetString());
    }

    [Fact]
    public async Task Models_add_of_a_corrupt_file_exits_5_naming_the_path_and_adds_nothing()
    {
        var name = Name();
        var before = await ModelNamesAsync();

        var result = await R1ctl.RunAsync(fixture, "models", "add", Node, name, files.CorruptPath);

        Assert.True(result.ExitCode == 5, result.ToString());
        Assert.Matches(@"(?m)^  Path = .*corrupt\.onnx", result.Stderr);
        Assert.Empty(result.Stdout);
        Assert.Equal(before, await ModelNamesAsync());
    }

    [Fact]
    public async Task Models_add_with_provider_cuda_on_a_machine_without_it_says_cuda_was_not_used_and_why()
    {
        var name = Name();

        var result = await R1ctl.RunAsync(fixture, "models", "add", Node, name, files.LinearPath, "--provider", "cuda");

        // The reason is the node's own; the output must carry it, whatever its wording.
        var reason = Assert.Single(await fixture.Session.GetModelsAsync(Node), m => m.Name == name).FallbackReason;
        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.NotNull(reason);
        Assert.Contains($"serving on {Node}: CPU,", result.Stdout);
        Assert.Contains($"  CUDA not used: {reason}", result.Stdout);
    }

    [Fact]
    public async Task Models_add_with_an_unknown_profile_exits_2()
    {
        var name = Name();

        var result = await R1ctl.RunAsync(fixture, "models", "add", Node, name, files.LinearPath, "--profile", "segmentation");

        Assert.True(result.ExitCode == 2, result.ToString());
        Assert.Contains("--profile", result.Stderr);
        Assert.DoesNotContain(name, await ModelNamesAsync());
    }

    [Fact]
    public async Task Models_list_prints_a_row_per_model_with_its_state_and_provider()
    {
        var name = Name();
        await fixture.Session.AddModelAsync(Node, files.LinearDeclaration(name, version: "3"));

        var result = await R1ctl.RunAsync(fixture, "models", "list", Node);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Matches(@"^MODEL\s+VERSION\s+STATE\s+PROFILE\s+PROVIDER\s+MAX-BATCH\s+REQUESTS\s+MEAN-BATCH\s+P99-US\s+SOURCE\r?\n", result.Stdout);
        Assert.Matches($@"(?m)^{name}\s+3\s+loaded\s+raw\s+CPU\s+32\s+0\s+\S+\s+\S+\s+registry\r?$", result.Stdout);
    }

    [Fact]
    public async Task Models_list_with_json_writes_the_status_of_each_model()
    {
        var name = Name();
        await fixture.Session.AddModelAsync(Node, files.DetectorDeclaration(name));

        var result = await R1ctl.RunAsync(fixture, "models", "list", Node, "--json");
        var json = result.StdoutJson();

        Assert.True(result.ExitCode == 0, result.ToString());
        var model = Assert.Single(json.EnumerateArray(), m => m.GetProperty("name").GetString() == name);
        Assert.Equal(("ObjectDetection", "Loaded"), (model.GetProperty("profile").GetString(), model.GetProperty("state").GetString()));
        Assert.Equal("detections", model.GetProperty("outputs")[0].GetProperty("name").GetString());
    }

    [Fact]
    public async Task Infer_on_a_removed_model_exits_3_naming_the_model()
    {
        var name = Name();
        await fixture.Session.AddModelAsync(Node, files.LinearDeclaration(name));

        var removed = await R1ctl.RunAsync(fixture, "models", "remove", Node, name);
        var result = await R1ctl.RunAsync(fixture, "infer", Node, name, "[[1, 2, 3, 4]]");

        Assert.True(removed.ExitCode == 0, removed.ToString());
        Assert.Equal($"model {name} removed from {Node}\n", removed.Stdout.ReplaceLineEndings("\n"));
        Assert.True(result.ExitCode == 3, result.ToString());
        Assert.Contains(name, result.Stderr);
    }

    private async Task<string[]> ModelNamesAsync() =>
        [.. (await fixture.Session.GetModelsAsync(Node)).Select(m => $"{m.Name} {m.Version} {m.State}").Order(StringComparer.Ordinal)];

    // Unique per test: the silo, and the models added to it, are shared by every test of the collection.
    private static string Name() => SiloFixture.UniqueName("cli");
}
