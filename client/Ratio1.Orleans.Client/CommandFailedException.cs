using Ratio1.Orleans.Contracts.Messages;

namespace Ratio1.Orleans.Client;

/// <summary>A command reached the node but failed there (or was not confirmed in time, when <see cref="Notification"/> is null).</summary>
public sealed class CommandFailedException : Exception
{
    /// <summary>Creates the exception.</summary>
    public CommandFailedException(Guid commandId, string message, Notification? notification)
        : base(message)
    {
        CommandId = commandId;
        Notification = notification;
    }

    /// <summary>The command's id.</summary>
    public Guid CommandId { get; }

    /// <summary>The node's failure report, or null when no answer came in time.</summary>
    public Notification? Notification { get; }
}
