using Ratio1.Orleans.Contracts.Config;
using Ratio1.Orleans.Plugins;

namespace Ratio1.Orleans.Tests.Plugins;

/// <summary>A command is received in one shape, whichever way its parameters were written.</summary>
public sealed class CommandShapeTests
{
    [Fact]
    public void Parameters_inside_the_command_arrive_as_parameters_and_a_bare_COMMAND_as_its_name()
    {
        var command = PluginCommand.Of(Guid.NewGuid(), ConfigValue.FromObject(ConfigMap.Parse("""{"COMMAND": "SET_MESSAGE", "COMMAND_PARAMS": {"message": "hi"}}""")), ConfigMap.Empty, "client");

        Assert.Equal(("\"SET_MESSAGE\"", "SET_MESSAGE", "{\"MESSAGE\":\"hi\"}"), (command.Data.ToJson(), command.Name, command.Parameters.ToJson()));
    }

    [Fact]
    public void Parameters_beside_the_command_win_over_the_same_key_inside_it()
    {
        var command = PluginCommand.Of(Guid.NewGuid(), ConfigValue.FromObject(ConfigMap.Parse("""{"COMMAND": "SET", "COMMAND_PARAMS": {"A": 1, "B": 2}}""")),
            ConfigMap.Parse("""{"B": 3}"""), "client");

        Assert.Equal("{\"A\":1,\"B\":3}", command.Parameters.ToJson());
    }

    [Fact]
    public void A_command_object_with_more_than_its_name_keeps_its_other_keys()
    {
        var command = PluginCommand.Of(Guid.NewGuid(), ConfigValue.FromObject(ConfigMap.Parse("""{"COMMAND": "MOVE", "TO": [1, 2], "COMMAND_PARAMS": {"SPEED": 3}}""")), ConfigMap.Empty, "client");

        Assert.Equal(("{\"COMMAND\":\"MOVE\",\"TO\":[1,2]}", "MOVE", "{\"SPEED\":3}"), (command.Data.ToJson(), command.Name, command.Parameters.ToJson()));
    }

    [Fact]
    public void Plugins_and_sources_see_the_node_through_named_members_only_never_its_service_provider()
    {
        Type[] contexts = [typeof(IRuntimeContext), typeof(IPluginContext), typeof(ICaptureContext)];

        var exposed = contexts.SelectMany(c => c.GetProperties().Select(p => p.PropertyType).Concat(c.GetMethods().Select(m => m.ReturnType)));

        Assert.DoesNotContain(typeof(IServiceProvider), exposed);
    }
}
