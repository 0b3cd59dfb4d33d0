using Ratio1.Orleans.Contracts.Errors;
using Ratio1.Orleans.Contracts.Serving;
using Ratio1.Orleans.Tests.Infrastructure;

namespace Ratio1.Orleans.Tests.Serving.Engine;

/// <summary>A node's model registry, driven by a real client against a real silo with real ONNX Runtime sessions.</summary>
[Collection(SiloCollection.Name)]
public sealed class ModelRegistryTests(SiloFixture fixture, SampleModelFiles files) : IClassFixture<SampleModelFiles>
{
    private const string Node = SiloFixture.NodeId;
    private readonly SampleModelFiles _files = files;

    [Fact]
    public async Task An_added_model_serves_on_the_cpu_with_the_tensors_read_from_the_file()
    {
        var name = Name();

        var status = await fixture.Session.AddModelAsync(Node, _files.LinearDeclaration(name));

        Assert.Equal((ModelState.Loaded, ExecutionProvider.Cpu, "registry"), (status.State, status.Provider, status.Source));
        Assert.Equal("x float32[?,4]", Assert.Single(status.Inputs).ToString());
        Assert.Equal("probabilities float32[?,3]", Assert.Single(status.Outputs).ToString());
        Assert.Contains(await fixture.Session.GetModelsAsync(Node), m => m.Name == name && m.State == ModelState.Loaded);
    }

    [Fact]
    public async Task A_corrupt_model_file_is_refused_naming_the_path_and_the_model_served_before_stays()
    {
        var name = Name();
        await fixture.Session.AddModelAsync(Node, _files.LinearDeclaration(name, version: "1"));

        var error = await Assert.ThrowsAsync<InvalidConfigException>(() =>
            fixture.Session.AddModelAsync(Node, _files.LinearDeclaration(name, version: "2") with { Path = _files.CorruptPath }));

        Assert.Equal("Path", error.Field);
        Assert.Contains("corrupt.onnx", error.Value);
        var served = Assert.Single(await fixture.Session.GetModelsAsync(Node), m => m.Name == name);
        Assert.Equal(("1", ModelState.Loaded), (served.Version, served.State));
        Assert.Equal("1", (await fixture.Session.InferAsync(Node, name, InferenceInput.FromTensor("x", [1, 4], [1, 2, 3, 4]))).Version);
    }

    [Fact]
    public async Task A_missing_model_file_is_refused_and_nothing_is_added()
    {
        var name = Name();

        var error = await Assert.ThrowsAsync<InvalidConfigException>(() =>
            fixture.Session.AddModelAsync(Node, _files.LinearDeclaration(name) with { Path = Path.Combine(_files.Folder, "nope.onnx") }));

        Assert.Equal("Path", error.Field);
        Assert.DoesNotContain(await fixture.Session.GetModelsAsync(Node), m => m.Name == name);
    }

    [Fact]
    public async Task A_declaration_with_bad_fields_is_refused_naming_each_field()
    {
        var error = await Assert.ThrowsAsync<InvalidConfigException>(() =>
            fixture.Session.AddModelAsync(Node, _files.LinearDeclaration("Bad Name") with { Version = "" }));

        Assert.Contains(error.Errors, e => e.Field == "Name" && e.Value == "\"Bad Name\"");
        Assert.Contains(error.Errors, e => e.Field == "Version");
        Assert.DoesNotContain(await fixture.Session.GetModelsAsync(Node), m => m.Name == "Bad Name");
    }

    [Fact]
    public async Task A_label_storage_cannot_hold_is_refused_naming_it_and_nothing_is_added()
    {
        var name = Name();

        var error = await Assert.ThrowsAsync<InvalidConfigException>(() =>
            fixture.Session.AddModelAsync(Node, _files.LinearDeclaration(name) with { Labels = ["cat", "d\0g", "bird"] }));

        Assert.Equal(("Labels[1]", "contains a NUL character (U+0000), which storage cannot hold"), (Assert.Single(error.Errors).Field, error.Errors[0].Reason));
        Assert.DoesNotContain(await fixture.Session.GetModelsAsync(Node), m => m.Name == name);
    }

    [Fact]
    public async Task Batching_settings_the_model_cannot_take_are_refused_naming_the_field()
    {
        var name = Name();

        var error = await Assert.ThrowsAsync<InvalidConfigException>(() =>
            fixture.Session.AddModelAsync(Node, _files.LinearDeclaration(name) with { Batching = new BatchingSettings(MaxBatchSize: 0) }));

        Assert.Equal("Batching.MaxBatchSize", error.Field);
        Assert.DoesNotContain(await fixture.Session.GetModelsAsync(Node), m => m.Name == name);
    }

    [Fact]
    public async Task A_model_whose_tensors_do_not_fit_its_profile_is_refused_naming_the_profile()
    {
        var name = Name();

        var error = await Assert.ThrowsAsync<InvalidConfigException>(() =>
            fixture.Session.AddModelAsync(Node, _files.LinearDeclaration(name) with { Profile = ModelProfile.ObjectDetection }));

        Assert.Equal("Profile", error.Field);
        Assert.Contains("x float32[?,4]", error.Message);
    }

    [Fact]
    public async Task Cuda_requested_on_a_machine_without_it_runs_on_the_cpu_with_the_reason_reported()
    {
        var name = Name();

        var status = await fixture.Session.AddModelAsync(Node, _files.LinearDeclaration(name) with { Provider = ExecutionProvider.Cuda });

        Assert.Equal((ExecutionProvider.Cuda, ExecutionProvider.Cpu), (status.RequestedProvider, status.Provider));
        Assert.Contains("CUDA", status.FallbackReason, StringComparison.OrdinalIgnoreCase);
        var result = await fixture.Session.InferAsync(Node, name, InferenceInput.FromTensor("x", [4], [0.5f, 0.5f, 0.5f, 0.5f]));
        Assert.Equal(ExecutionProvider.Cpu, result.Provider);
    }

    [Fact]
    public async Task Declaring_a_model_again_with_a_new_version_replaces_it()
    {
        var name = Name();
        await fixture.Session.AddModelAsync(Node, _files.LinearDeclaration(name, version: "1"));

        await fixture.Session.AddModelAsync(Node, _files.LinearDeclaration(name, version: "2"));

        Assert.Equal("2", Assert.Single(await fixture.Session.GetModelsAsync(Node), m => m.Name == name).Version);
        Assert.Equal("2", (await fixture.Session.InferAsync(Node, name, InferenceInput.FromTensor("x", [1, 4], [1, 0, 0, 0]))).Version);
    }

    [Fact]
    public async Task A_removed_model_is_no_longer_served_and_requests_name_the_models_that_are()
    {
        var name = Name();
        var other = Name();
        await fixture.Session.AddModelAsync(Node, _files.LinearDeclaration(name));
        await fixture.Session.AddModelAsync(Node, _files.LinearDeclaration(other));

        await fixture.Session.RemoveModelAsync(Node, name);

        var error = await Assert.ThrowsAsync<ModelNotFoundException>(() =>
            fixture.Session.InferAsync(Node, name, InferenceInput.FromTensor("x", [1, 4], [1, 2, 3, 4])));
        Assert.Contains(other, error.Available);
        Assert.DoesNotContain(await fixture.Session.GetModelsAsync(Node), m => m.Name == name);
    }

    [Fact]
    public async Task Removing_a_model_the_node_does_not_have_is_reported_as_not_found()
    {
        await Assert.ThrowsAsync<ModelNotFoundException>(() => fixture.Session.RemoveModelAsync(Node, Name()));
    }

    private static string Name() => "m-" + Guid.NewGuid().ToString("N")[..8];
}
