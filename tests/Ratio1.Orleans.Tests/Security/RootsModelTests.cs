using Ratio1.Orleans.Contracts.Errors;
using Ratio1.Orleans.Contracts.Serving;
using Ratio1.Orleans.Serving.Onnx;

namespace Ratio1.Orleans.Tests.Security;

/// <summary><c>models add</c> reads model files only from the node's model directories, and says nothing about files elsewhere.</summary>
[Collection(RootsSiloCollection.Name)]
public sealed class RootsModelTests(RootsSiloFixture fixture)
{
    [Theory]
    [InlineData("/etc/passwd")]
    [InlineData("/etc/shadow")]
    [InlineData("/proc/self/environ")]
    [InlineData("/etc/no-such-file-here.onnx")]
    public async Task A_model_outside_the_model_directories_is_refused_naming_them(string path)
    {
        var error = await Assert.ThrowsAsync<InvalidConfigException>(() => fixture.Session.AddModelAsync(RootsSiloFixture.NodeId, new ModelDeclaration("m", "1", path)));

        Assert.Equal("Path", error.Field);
        Assert.Equal($"is not in the node's model directories (Node:ModelDirectories): {fixture.Models}", error.Errors[0].Reason);
    }

    [Fact]
    public async Task A_dot_dot_path_out_of_the_model_directory_is_refused()
    {
        var escape = Path.Combine(fixture.Models, "..", "..", "..", "etc", "passwd");

        var error = await Assert.ThrowsAsync<InvalidConfigException>(() => fixture.Session.AddModelAsync(RootsSiloFixture.NodeId, new ModelDeclaration("m", "1", escape)));

        Assert.Contains(fixture.Models, error.Message);
    }

    [Fact]
    public async Task The_refusal_is_the_same_whether_the_file_exists_or_not()
    {
        var existing = await Assert.ThrowsAsync<InvalidConfigException>(() => fixture.Session.AddModelAsync(RootsSiloFixture.NodeId, new ModelDeclaration("m", "1", "/etc/passwd")));
        var missing = await Assert.ThrowsAsync<InvalidConfigException>(() => fixture.Session.AddModelAsync(RootsSiloFixture.NodeId, new ModelDeclaration("m", "1", "/etc/passwd-not-there")));

        Assert.Equal(existing.Errors[0].Reason, missing.Errors[0].Reason);
        Assert.Equal(existing.Message.Replace("/etc/passwd", "X", StringComparison.Ordinal), missing.Message.Replace("/etc/passwd-not-there", "X", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_link_in_the_model_directory_to_a_file_outside_is_refused()
    {
        var outside = Path.Combine(Directory.CreateTempSubdirectory("r1-outside-").FullName, "m.onnx");
        SampleModels.LinearClassifier(4, 3).Save(outside);
        var link = Path.Combine(fixture.Models, $"link-{Guid.NewGuid():N}.onnx");
        File.CreateSymbolicLink(link, outside);

        var error = await Assert.ThrowsAsync<InvalidConfigException>(() => fixture.Session.AddModelAsync(RootsSiloFixture.NodeId, new ModelDeclaration("linked", "1", link)));

        Assert.Contains("Node:ModelDirectories", error.Message);
    }

    [Fact]
    public async Task A_model_inside_the_model_directory_is_added()
    {
        var path = Path.Combine(fixture.Models, $"inside-{Guid.NewGuid():N}.onnx");
        SampleModels.LinearClassifier(4, 3).Save(path);

        var status = await fixture.Session.AddModelAsync(RootsSiloFixture.NodeId, new ModelDeclaration("inside", "1", path, Provider: ExecutionProvider.Cpu));

        Assert.Equal(ModelState.Loaded, status.State);
    }
}
