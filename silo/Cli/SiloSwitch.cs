using System.CommandLine;
using System.Globalization;

namespace Ratio1.Orleans.Silo.Cli;

/// <summary>What a switch's value must be, checked as the command line is parsed so the error names the switch.</summary>
public enum SwitchKind
{
    /// <summary>Any text (checked later, with the rest of its section).</summary>
    Text,

    /// <summary>A whole number.</summary>
    Number,

    /// <summary>A flag: given alone it means true; <c>true</c> or <c>false</c> may follow.</summary>
    Flag,
}

/// <summary>
/// One command-line switch of the silo and the configuration key it sets. The key may also come from
/// appsettings.json or the environment (<see cref="EnvironmentVariable"/>); the command line wins.
/// </summary>
/// <param name="Name">The switch, e.g. <c>--node-id</c>.</param>
/// <param name="Key">The configuration key it sets, e.g. <c>Node:Id</c>.</param>
/// <param name="Default">What applies when the key is set nowhere, as help shows it.</param>
/// <param name="Description">What the setting does (one sentence or two).</param>
/// <param name="Kind">What its value must be.</param>
/// <param name="HelpName">The value's name in help, e.g. <c>port</c>.</param>
public sealed record SiloSwitch(string Name, string Key, string Default, string Description, SwitchKind Kind = SwitchKind.Text, string? HelpName = null)
{
    /// <summary>The prefix of the environment variables the silo reads (<c>R1_Section__Key</c>).</summary>
    public const string EnvironmentPrefix = "R1_";

    /// <summary>The environment variable that sets <see cref="Key"/>, e.g. <c>R1_Node__Id</c>.</summary>
    public string EnvironmentVariable => EnvironmentPrefix + Key.Replace(":", "__", StringComparison.Ordinal);

    /// <summary>The help line: the description, then where else the setting comes from and its default.</summary>
    public string HelpText => $"{Description} [{Key}, env {EnvironmentVariable}; default: {Default}]";

    /// <summary>
    /// A new option for this switch (a symbol has one parent, so each command gets its own). Given more than once, the
    /// last value wins, as a later configuration source does: tests and scripts append an option to override one.
    /// </summary>
    public Option CreateOption()
    {
        if (Kind == SwitchKind.Flag)
        {
            return new Option<bool>(Name) { Description = HelpText, HelpName = HelpName ?? "true|false" };
        }

        var option = new Option<string[]>(Name)
        {
            Description = HelpText,
            HelpName = HelpName ?? Name.TrimStart('-'),
            Arity = ArgumentArity.OneOrMore,
            AllowMultipleArgumentsPerToken = false,
        };
        if (Kind == SwitchKind.Number)
        {
            option.Validators.Add(result =>
            {
                foreach (var text in result.Tokens.Select(t => t.Value).Where(t => !long.TryParse(t, NumberStyles.Integer, CultureInfo.InvariantCulture, out _)))
                {
                    result.AddError($"{Name} ({Key}) must be a whole number, not '{text}'");
                }
            });
        }

        return option;
    }

    /// <summary>The value <paramref name="option"/> (made by <see cref="CreateOption"/>) was given, as configuration text; null when not given.</summary>
    public static string? ValueOf(ParseResult parseResult, Option option)
    {
        if (parseResult.GetResult(option) is not { Implicit: false })
        {
            return null;
        }

        return option switch
        {
            Option<bool> flag => parseResult.GetValue(flag) ? "true" : "false",
            Option<string[]> text => parseResult.GetValue(text) is { Length: > 0 } values ? values[^1] : null,
            _ => throw new ArgumentException($"{option.Name} was not made by {nameof(SiloSwitch)}.", nameof(option)),
        };
    }
}
