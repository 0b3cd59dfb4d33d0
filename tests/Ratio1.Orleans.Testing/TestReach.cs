namespace Ratio1.Orleans.Testing;

/// <summary>
/// What test silos may touch unless a test says otherwise (its own options come later and win): files and models
/// under the system temp folder, where tests write them, and network captures to this machine's loopback, where
/// tests serve streams. A product silo allows neither by default.
/// </summary>
public static class TestReach
{
    /// <summary>The temp folder, as tests' files live there.</summary>
    public static string TempRoot { get; } = Path.GetFullPath(Path.GetTempPath()).TrimEnd('/');

    /// <summary>Silo options giving a test silo that reach.</summary>
    public static IReadOnlyList<string> Args { get; } =
    [
        "--capture-roots", TempRoot,
        "--model-dirs", TempRoot,
        "--capture-hosts", "127.0.0.1,::1,localhost",
    ];
}
