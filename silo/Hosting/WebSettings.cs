namespace Ratio1.Orleans.Silo.Hosting;

/// <summary>
/// Protection of the silo's HTTP endpoints (configuration section <c>Web</c>). On loopback they are open by default;
/// bound to any other address, everything but liveness (<c>/health/live</c>) needs <c>Authorization: Bearer &lt;token&gt;</c>.
/// The token comes from a file (<see cref="TokenFile"/>) or the environment (<c>R1_Web__Token</c>), never from the
/// command line, and is never logged.
/// </summary>
public sealed class WebSettings
{
    public const string SectionName = "Web";

    /// <summary>The smallest token accepted: a short one can be guessed.</summary>
    public const int MinimumTokenLength = 16;

    /// <summary>The bearer token (set it through the environment, <c>R1_Web__Token</c>).</summary>
    public string? Token { get; set; }

    /// <summary>A file holding the bearer token (one line; keep it 0600).</summary>
    public string? TokenFile { get; set; }

    /// <summary>Require the token on loopback too.</summary>
    public bool RequireToken { get; set; }

    /// <summary>Refuses the token on the command line, where every local user reads it (<c>/proc/&lt;pid&gt;/cmdline</c>).</summary>
    /// <exception cref="ArgumentException">An argument sets <c>Web:Token</c>; the message does not repeat its value.</exception>
    public static void RejectTokenOnCommandLine(IReadOnlyList<string> args)
    {
        if (args.Any(a => a.Split('=', 2)[0].TrimStart('-', '/').Equals("Web:Token", StringComparison.OrdinalIgnoreCase)))
        {
            throw new ArgumentException("Web:Token must not be given on the command line (any local user can read it there): put it in a file (Web:TokenFile) or the environment (R1_Web__Token)");
        }
    }

    /// <summary>The token, from <see cref="TokenFile"/> or <see cref="Token"/>, or null when none is set.</summary>
    /// <exception cref="ArgumentException">Both are set, the file cannot be read, or the token is too short (the message never holds the token).</exception>
    public string? ResolveToken()
    {
        if (TokenFile is { Length: > 0 } && Token is { Length: > 0 })
        {
            throw new ArgumentException("Web:Token and Web:TokenFile are both set; choose one");
        }

        string? token;
        if (TokenFile is { Length: > 0 } file)
        {
            try
            {
                token = File.ReadAllText(file).Trim();
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                throw new ArgumentException($"Web:TokenFile '{file}': cannot read it: {e.Message}", e);
            }
        }
        else
        {
            token = Token?.Trim();
        }

        if (token is { Length: > 0 and < MinimumTokenLength })
        {
            throw new ArgumentException($"the web token ({(TokenFile is { Length: > 0 } ? $"Web:TokenFile '{TokenFile}'" : "Web:Token")}) is {token.Length} characters; it needs at least {MinimumTokenLength}");
        }

        if (RequireToken && token is not { Length: > 0 })
        {
            throw new ArgumentException("Web:RequireToken is set but no token is: set Web:TokenFile (or R1_Web__Token)");
        }

        return token is { Length: > 0 } ? token : null;
    }
}
