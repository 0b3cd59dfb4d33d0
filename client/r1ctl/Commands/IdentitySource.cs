using System.CommandLine;
using Ratio1.Orleans.Cli.Failures;
using Ratio1.Orleans.Contracts.Security;

namespace Ratio1.Orleans.Cli.Commands;

/// <summary>
/// Where r1ctl's identity comes from, first that applies: <c>--identity &lt;file&gt;</c>, <c>R1_IDENTITY_FILE</c>,
/// <c>R1_IDENTITY_PEM</c> (the PEM text itself), else <c>~/.ratio1/identity.pem</c>.
/// </summary>
internal sealed record IdentitySource(string? File, bool FromPemVariable)
{
    public const string FileVariable = Ratio1Identity.FileVariable;
    public const string PemVariable = Ratio1Identity.PemVariable;
    public const string DefaultPathText = "~/.ratio1/identity.pem";

    /// <summary>The default identity file, in the user's profile (as the Ratio1 SDK keeps its key under <c>~/.ratio1</c>).</summary>
    public static string DefaultPath => Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".ratio1", "identity.pem");

    /// <summary>What the identity is, for messages: the file, or the variable.</summary>
    public string Description => File ?? $"${PemVariable}";

    /// <exception cref="UsageException">Both environment variables are set (and no <c>--identity</c>).</exception>
    public static IdentitySource Locate(ParseResult parseResult, GlobalOptions globals)
    {
        if (parseResult.GetValue(globals.Identity) is { Length: > 0 } given)
        {
            return new IdentitySource(Path.GetFullPath(ExpandHome(given)), false);
        }

        var file = Environment.GetEnvironmentVariable(FileVariable);
        var pem = Environment.GetEnvironmentVariable(PemVariable);
        if (!string.IsNullOrWhiteSpace(file) && !string.IsNullOrWhiteSpace(pem))
        {
            throw new UsageException($"both {FileVariable} and {PemVariable} are set; set only one (or pass --identity).");
        }

        return !string.IsNullOrWhiteSpace(file) ? new IdentitySource(Path.GetFullPath(ExpandHome(file)), false)
            : !string.IsNullOrWhiteSpace(pem) ? new IdentitySource(null, true)
            : new IdentitySource(DefaultPath, false);
    }

    /// <summary>Whether there is an identity to load (the variable is set, or the file exists).</summary>
    public bool Exists => FromPemVariable || System.IO.File.Exists(File);

    /// <summary>Loads the identity.</summary>
    /// <exception cref="FailureException">There is none (not found, exit 3) or it is not usable (usage, exit 2); the message names the file or variable.</exception>
    public Ratio1Identity Load()
    {
        if (!Exists)
        {
            throw new FailureException(new Failure(ExitCodes.NotFound, "not-found", $"no identity at {File}",
                [], "Create one with 'r1ctl id new', or name one with --identity <file>, $" + FileVariable + " or $" + PemVariable + "."));
        }

        try
        {
            return FromPemVariable ? Ratio1Identity.FromPem(Environment.GetEnvironmentVariable(PemVariable)!) : Ratio1Identity.Load(File!);
        }
        catch (Ratio1IdentityException e)
        {
            throw new UsageException(e.Message, e);
        }
        catch (FormatException e)
        {
            throw new UsageException($"{PemVariable} is not a usable Ratio1 identity: {e.Message}", e);
        }
    }

    private static string ExpandHome(string path) =>
        path == "~" || path.StartsWith("~/", StringComparison.Ordinal)
            ? Environment.GetFolderPath(Environment.SpecialFolder.UserProfile) + path[1..]
            : path;
}
