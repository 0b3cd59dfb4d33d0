using System.Reflection;
using System.Reflection.Emit;
using Ratio1.Orleans.Edge.Hosting;
using Ratio1.Orleans.Plugins;
using Ratio1.Orleans.Testing;

namespace Ratio1.Orleans.Tests.Runtime;

/// <summary>
/// A capture source's <c>TYPE</c> is named in pipelines and registered with the node, so a plugin assembly cannot
/// declare one that is malformed or that takes <c>Void</c> (no source): the node refuses to start, naming the source.
/// </summary>
public sealed class CaptureTypeNameTests
{
    [Theory]
    [InlineData("Void", "reserved")]
    [InlineData("void", "reserved")]
    [InlineData("My Source", "may only contain")]
    [InlineData("", "must not be empty")]
    public async Task A_source_declaring_a_reserved_or_malformed_TYPE_stops_the_node_naming_it(string type, string reason)
    {
        var assembly = SourceDeclaring(type);

        var error = await Assert.ThrowsAnyAsync<InvalidOperationException>(() =>
            TestSilo.StartAsync($"edge-type-{Guid.NewGuid().ToString("N")[..8]}", configure: b => b.Services.AddPluginAssembly(assembly)));

        Assert.Contains($"BadTypeSource ({assembly.GetName().Name}) has type '{type}'", error.Message);
        Assert.Contains(reason, error.Message);
    }

    // A third-party source built as its own assembly: [CaptureType(type)] class BadTypeSource : CaptureSource.
    private static Assembly SourceDeclaring(string type)
    {
        var assembly = AssemblyBuilder.DefineDynamicAssembly(new AssemblyName($"BadTypeSources{Guid.NewGuid():N}"), AssemblyBuilderAccess.Run);
        var source = assembly.DefineDynamicModule("main").DefineType("BadTypeSource", TypeAttributes.Public | TypeAttributes.Sealed | TypeAttributes.Class, typeof(CaptureSource));
        source.SetCustomAttribute(new CustomAttributeBuilder(typeof(CaptureTypeAttribute).GetConstructor([typeof(string)])!, [type]));
        source.DefineDefaultConstructor(MethodAttributes.Public);
        var run = source.DefineMethod("RunAsync", MethodAttributes.Family | MethodAttributes.Virtual | MethodAttributes.HideBySig,
            typeof(Task), [typeof(ICaptureContext), typeof(CancellationToken)]);
        var il = run.GetILGenerator();
        il.Emit(OpCodes.Call, typeof(Task).GetProperty(nameof(Task.CompletedTask))!.GetMethod!);
        il.Emit(OpCodes.Ret);
        source.DefineMethodOverride(run, typeof(CaptureSource).GetMethod("RunAsync", BindingFlags.NonPublic | BindingFlags.Instance)!);
        source.CreateType();
        return assembly;
    }
}
