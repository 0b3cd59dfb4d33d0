namespace Ratio1.Orleans.Client;

/// <summary>How <see cref="Pipeline.DeployAsync(DeployOptions?, System.Threading.CancellationToken)"/> waits for the node.</summary>
public sealed record DeployOptions
{
    /// <summary>Wait until the node confirms each new or changed instance (<c>PLUGIN_CONFIG_OK</c>); default true.</summary>
    public bool WaitForConfirmation { get; init; } = true;

    /// <summary>How long to wait for the confirmations (Ratio1's SDK waits 10 s); default 15 s.</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(15);

    /// <summary>The defaults.</summary>
    public static readonly DeployOptions Default = new();

    /// <summary>Store the change and return without waiting for the node.</summary>
    public static readonly DeployOptions NoConfirmation = new() { WaitForConfirmation = false };
}
