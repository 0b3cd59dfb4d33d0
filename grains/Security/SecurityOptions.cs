namespace Ratio1.Orleans.Grains.Security;

/// <summary>
/// Who may do what (section <c>Security</c>). Security is on when admins are configured: then every client call must
/// be signed by an identity that holds the role the call needs. With none configured it is off: calls need no
/// signature (a signed one is still verified, and its signer recorded) — the host allows that only on loopback.
/// </summary>
public sealed class SecurityOptions
{
    public const string Section = "Security";

    /// <summary>Addresses (<c>0xai_...</c>) that are admins of every node; the first admins come only from here.</summary>
    public List<string> Admins { get; set; } = [];

    /// <summary>A file of admin addresses, one per line (Ratio1's <c>authorized_addrs</c> form: <c>address [alias] [# comment]</c>).</summary>
    public string? AdminsFile { get; set; }

    /// <summary>
    /// How old (or how far in the future, for clock skew) a signed request may be, in seconds (default 120). Its nonce
    /// is remembered for this long, so a replay inside the window is refused too.
    /// </summary>
    public int ReplayWindowSeconds { get; set; } = 120;

    /// <summary>The most nonces a silo remembers at once (default 1,000,000, ~100 MB); past it, signed requests are refused until old ones expire.</summary>
    public int MaxRememberedNonces { get; set; } = 1_000_000;

    /// <summary>Whether security is on: admins are configured.</summary>
    public bool Enabled => Admins.Count > 0 || !string.IsNullOrWhiteSpace(AdminsFile);
}
