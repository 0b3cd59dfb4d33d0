using System.CommandLine;
using System.CommandLine.Help;
using System.CommandLine.Parsing;
using Ratio1.Orleans.Silo.Database;
using Ratio1.Orleans.Silo.Hosting;
using Ratio1.Orleans.Silo.Models;

namespace Ratio1.Orleans.Silo.Cli;

/// <summary>
/// The silo's command line: the root command runs the silo, <c>db init|status</c> and <c>models sample</c> are its
/// tools; each has <c>--help</c>. Every switch only sets its configuration key (<see cref="SiloSwitches"/>), so options
/// binding stays the one place settings are read and checked; any other key is given as <c>--Section:Key=value</c>.
/// </summary>
public sealed class SiloCommandLine
{
    /// <summary>The program's name, as help and errors show it.</summary>
    public const string ProgramName = "Ratio1.Orleans.Silo";

    private const string RootDescription =
        "Runs the Orleans silo of one edge node." + "\n\n" +
        "Settings come from appsettings.json next to the program, then environment variables R1_<Section>__<Key>, then " +
        "the command line, which wins. Each option below sets the configuration key shown with it; any other setting is " +
        "given as --Section:Key=value (e.g. --Node:SecondsHeartbeat=5, --Security:AdminsFile=/etc/ratio1/admins)." + "\n\n" +
        "Exit codes: 0 stopped normally; 1 invalid settings; 2 bad arguments; 3 db status: schema not current; " +
        "4 database unreachable; 5 database credentials refused; 6 database failed; 7 a listener beyond loopback without " +
        "security; 8 another silo serves this node.";

    private readonly RootCommand _root = new(RootDescription);
    private readonly List<(SiloSwitch Switch, Option Option)> _siloOptions = [];
    private readonly List<(SiloSwitch Switch, Option Option)> _databaseOptions = [];

    private SiloCommandLine(Func<CancellationToken, Task<int>> runSilo, TextWriter output)
    {
        foreach (var @switch in SiloSwitches.Silo)
        {
            var option = @switch.CreateOption();
            _siloOptions.Add((@switch, option));
            _root.Add(option);
        }

        // The silo takes any configuration key as --Section:Key=value: unmatched tokens are checked by KeyArguments.
        _root.TreatUnmatchedTokensAsErrors = false;
        _root.SetAction((_, cancellationToken) => runSilo(cancellationToken));
        _root.Add(DatabaseCommandOf(output));
        _root.Add(ModelsCommandOf(output));
    }

    /// <summary>
    /// Runs the program: the silo (<paramref name="runSilo"/>, given the arguments), <c>db</c>, <c>models</c> or help.
    /// Bad arguments (an unknown option, a value of the wrong kind, a missing one) are one line on
    /// <paramref name="stderr"/> naming the option, and exit code <see cref="SiloExitCodes.Usage"/>. What the commands
    /// throw is left to the caller, which turns it into its line and exit code (<see cref="StartupFailure"/>).
    /// </summary>
    public static async Task<int> RunAsync(string[] args, TextWriter stdout, TextWriter stderr, Func<string[], CancellationToken, Task<int>> runSilo, CancellationToken cancellationToken)
    {
        var commandLine = new SiloCommandLine(token => runSilo(args, token), stdout);
        var (parseResult, errors) = commandLine.Parse(args);
        if (errors.Count > 0 && parseResult.Action is not HelpAction)
        {
            await stderr.WriteLineAsync($"error: {string.Join("; ", errors)}. See '{CommandPath(parseResult)} --help'.");
            return SiloExitCodes.Usage;
        }

        return await parseResult.InvokeAsync(new InvocationConfiguration
        {
            Output = stdout,
            Error = stderr,
            // Failures are reported by Program, one line each, not with System.CommandLine's stack trace.
            EnableDefaultExceptionHandler = false,
            // The web host handles SIGTERM and Ctrl+C itself (a graceful stop); no second handler.
            ProcessTerminationTimeout = null,
        }, cancellationToken);
    }

    /// <summary>The settings the silo's own arguments give (see <see cref="EdgeSiloHost"/>).</summary>
    /// <exception cref="ArgumentException">An argument is not an option of the silo or a configuration key, or a value is not of its option's kind; the message names it.</exception>
    public static CommandLineSettings SettingsOf(IReadOnlyList<string> args)
    {
        var commandLine = new SiloCommandLine(_ => Task.FromResult(SiloExitCodes.Ok), TextWriter.Null);
        var (parseResult, errors) = commandLine.Parse(args);
        if (errors.Count > 0 || parseResult.CommandResult.Command != commandLine._root)
        {
            throw new ArgumentException(errors.Count > 0
                ? $"{string.Join("; ", errors)}. See '{ProgramName} --help'."
                : $"'{parseResult.CommandResult.Command.Name}' is a command of its own, not an option of the silo.");
        }

        return SettingsOf(parseResult, commandLine._siloOptions, errors);
    }

    private (ParseResult Result, List<string> Errors) Parse(IReadOnlyList<string> args)
    {
        // No response files: an argument starting with @ is a value like any other.
        var parseResult = _root.Parse(args, new ParserConfiguration { ResponseFileTokenReplacer = null });
        var errors = parseResult.Errors.Select(e => e.Message.TrimEnd('.')).ToList();
        if (parseResult.CommandResult.Command.TreatUnmatchedTokensAsErrors is false)
        {
            KeyArguments(parseResult, errors);
        }

        return (parseResult, errors);
    }

    private Command DatabaseCommandOf(TextWriter output)
    {
        var database = new Command("db", "The node's database schema: create or upgrade it (init), or show its version (status). Reads the same settings as the silo.");
        foreach (var @switch in SiloSwitches.Storage)
        {
            var option = @switch.CreateOption();
            option.Recursive = true;
            _databaseOptions.Add((@switch, option));
            database.Add(option);
        }

        foreach (var (name, description, init) in new[]
                 {
                     ("init", "Create or upgrade the schema (idempotent); prints the migrations applied.", true),
                     ("status", "Show the schema version; exit 0 when current, 3 when not (run db init, or upgrade the silo).", false),
                 })
        {
            var verb = new Command(name, description) { TreatUnmatchedTokensAsErrors = false };
            verb.SetAction((parseResult, cancellationToken) =>
            {
                var settings = SettingsOf(parseResult, _databaseOptions, []);
                return DatabaseCommand.RunAsync(init, settings.Configuration(), output, cancellationToken);
            });
            database.Add(verb);
        }

        return database;
    }

    private static Command ModelsCommandOf(TextWriter output)
    {
        var directory = new Argument<string>("dir") { Description = "Folder to write them to (created when missing)." };
        var sample = new Command("sample", "Write sample ONNX models (built in code, nothing downloaded) with their label files and a test image, to try serving with.") { directory };
        sample.SetAction((parseResult, cancellationToken) => SampleModelsCommand.RunAsync(["sample", parseResult.GetRequiredValue(directory)], output, cancellationToken));
        return new Command("models", "Models to try the serving engine with.") { sample };
    }

    // One configuration argument per setting (--Key=value), in the order they were typed, so that a later one wins
    // whichever form each has: "--model-dirs /a --Node:ModelDirectories=" leaves the setting empty, as it always has.
    private static CommandLineSettings SettingsOf(ParseResult parseResult, List<(SiloSwitch Switch, Option Option)> options, List<string> errors)
    {
        var tokens = parseResult.Tokens;
        var arguments = KeyArguments(parseResult, errors);
        foreach (var (@switch, option) in options)
        {
            if (SiloSwitch.ValueOf(parseResult, option) is { } value)
            {
                var position = LastIndex(tokens, t => t.Type == TokenType.Option && t.Value == @switch.Name);
                arguments.Add((position, $"--{@switch.Key}={value}"));
            }
        }

        return new CommandLineSettings([.. arguments.OrderBy(a => a.Position).Select(a => a.Argument)]);
    }

    // Tokens no option took: each must be a configuration key (--Section:Key=value, or --Section:Key followed by its
    // value), returned as key=value with its position among all tokens.
    private static List<(int Position, string Argument)> KeyArguments(ParseResult parseResult, List<string> errors)
    {
        var keys = new List<(int Position, string Argument)>();
        var tokens = parseResult.UnmatchedTokens;
        var cursor = 0;
        for (var i = 0; i < tokens.Count; i++)
        {
            var token = tokens[i];
            var name = token.Split('=', 2)[0];
            if (!IsKey(name))
            {
                errors.Add(token.StartsWith('-') ? $"unknown option '{name}'" : FlagGiven(parseResult, token) is { } flag ? $"{flag} takes true or false, not '{token}'" : $"unexpected argument '{token}'");
                // Its value, if it has one, needs no error of its own.
                if (token.StartsWith('-') && !token.Contains('=', StringComparison.Ordinal) && i + 1 < tokens.Count && !tokens[i + 1].StartsWith('-'))
                {
                    i++;
                }

                continue;
            }

            cursor = IndexFrom(parseResult.Tokens, cursor, token);
            if (token.Contains('=', StringComparison.Ordinal))
            {
                keys.Add((cursor, token));
            }
            else if (i + 1 < tokens.Count && !IsKey(tokens[i + 1].Split('=', 2)[0]))
            {
                keys.Add((cursor, $"{name}={tokens[++i]}"));
            }
            else
            {
                errors.Add($"'{name}' needs a value ({name}=value)");
            }
        }

        return keys;
    }

    private static int IndexFrom(IReadOnlyList<Token> tokens, int start, string value)
    {
        for (var i = start; i < tokens.Count; i++)
        {
            if (tokens[i].Value == value)
            {
                return i;
            }
        }

        return start;
    }

    private static int LastIndex(IReadOnlyList<Token> tokens, Func<Token, bool> match)
    {
        for (var i = tokens.Count - 1; i >= 0; i--)
        {
            if (match(tokens[i]))
            {
                return i;
            }
        }

        return -1;
    }

    // The flag just before a stray token: a flag takes only true or false, so "--apply-schema yes" leaves "yes" over.
    private static string? FlagGiven(ParseResult parseResult, string token)
    {
        var tokens = parseResult.Tokens;
        for (var i = 1; i < tokens.Count; i++)
        {
            if (tokens[i].Value == token && SiloSwitches.Silo.Any(s => s.Kind == SwitchKind.Flag && s.Name == tokens[i - 1].Value))
            {
                return tokens[i - 1].Value;
            }
        }

        return null;
    }

    private static bool IsKey(string name) =>
        (name.StartsWith("--", StringComparison.Ordinal) || name.StartsWith('/')) && name.IndexOf(':', 1) > 0;

    private static string CommandPath(ParseResult parseResult)
    {
        var names = new List<string>();
        for (SymbolResult? result = parseResult.CommandResult; result is not null; result = result.Parent)
        {
            if (result is CommandResult command)
            {
                names.Insert(0, command.Parent is null ? ProgramName : command.Command.Name);
            }
        }

        return string.Join(' ', names);
    }
}
