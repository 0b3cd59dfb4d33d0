using System.CommandLine;
using Ratio1.Orleans.Cli.Output;
using Ratio1.Orleans.Client;

namespace Ratio1.Orleans.Cli.Commands;

/// <summary>
/// What a running command works with. The session is opened on first use, so a command can check its input
/// before it needs the cluster, and closed when the command ends.
/// </summary>
internal sealed class CommandContext(ParseResult parseResult, GlobalOptions globals, TextReader stdin, CliOutput output, CancellationToken cancellationToken)
    : IAsyncDisposable
{
    private Ratio1Session? _session;

    public ParseResult ParseResult => parseResult;

    public CliOutput Output => output;

    public TextReader Stdin => stdin;

    public CancellationToken CancellationToken => cancellationToken;

    public T Value<T>(Argument<T> argument) => parseResult.GetValue(argument)!;

    public T Value<T>(Option<T> option) => parseResult.GetValue(option)!;

    public async Task<Ratio1Session> ConnectAsync()
    {
        if (_session is null)
        {
            await using var progress = output.Progress("connecting to the cluster");
            _session = await Ratio1Session.ConnectAsync(globals.ToSessionOptions(parseResult), cancellationToken);
        }

        return _session;
    }

    public async ValueTask DisposeAsync()
    {
        if (_session is { } session)
        {
            _session = null;
            await session.DisposeAsync();
        }
    }
}
