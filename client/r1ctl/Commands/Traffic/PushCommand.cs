using System.CommandLine;
using Ratio1.Orleans.Cli.Failures;
using Ratio1.Orleans.Cli.Output;

namespace Ratio1.Orleans.Cli.Commands.Traffic;

/// <summary>
/// <c>r1ctl push &lt;node&gt; &lt;pipeline&gt; &lt;data&gt;</c>: pushes an input into an <c>OnDemandInput</c> pipeline and prints
/// its id; with <c>--wait</c>, waits for the first payload answering it and prints that (request/response).
/// </summary>
internal static class PushCommand
{
    public static Command Create(CommandRunner runner)
    {
        var node = SharedSymbols.Node();
        var pipeline = SharedSymbols.Pipeline();
        var data = new Argument<string>("data")
        {
            Description = "The input: JSON (text that is not JSON is sent as a string), @file, or - for stdin.",
        };
        var wait = new Option<bool>("--wait") { Description = "Wait for the first payload answering the input and print its data." };
        var timeout = new Option<double>("--timeout")
        {
            Description = "With --wait: seconds to wait for the answer before giving up with exit code 7.",
            HelpName = "seconds",
            DefaultValueFactory = _ => 15,
        };
        var command = new Command("push", "Push an input into an OnDemandInput pipeline; print its id, or with --wait the payload answering it.")
        {
            node, pipeline, data, wait, timeout,
        };
        runner.SetAction(command, async context =>
        {
            var seconds = context.Value(timeout);
            if (!(seconds > 0) || !double.IsFinite(seconds))
            {
                throw new UsageException($"--timeout must be a positive number of seconds, not {seconds}.");
            }

            var argument = context.Value(data);
            var input = await JsonOrText.ReadAsync(argument == "-" ? "@-" : argument, context);
            var session = await context.ConnectAsync();
            if (!context.Value(wait))
            {
                var inputId = await session.PushInputAsync(context.Value(node), context.Value(pipeline), input, context.CancellationToken);
                if (context.Output.Json)
                {
                    context.Output.WriteJson(new { inputId });
                    return;
                }

                context.Output.Line(inputId.ToString());
                return;
            }

            var answer = await session.RequestAsync(context.Value(node), context.Value(pipeline), input, TimeSpan.FromSeconds(seconds), context.CancellationToken);
            if (context.Output.Json)
            {
                context.Output.WriteJson(TrafficJson.From(answer));
                return;
            }

            context.Output.Line(answer.Data.ToJson(indented: true));
        });
        return command;
    }
}
