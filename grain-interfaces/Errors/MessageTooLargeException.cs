using System.Globalization;

namespace Ratio1.Orleans.Contracts.Errors;

/// <summary>
/// A message (command, pushed input, payload) is larger than the limit of one message, so it was not sent: nothing
/// was delivered and nothing changed. The message names the limit and the setting that sets it.
/// </summary>
[GenerateSerializer, Alias("r1.error.message-too-large")]
public sealed class MessageTooLargeException : Ratio1Exception
{
    public MessageTooLargeException()
    {
    }

    /// <param name="what">What was refused, e.g. "the command for instance ECHO_01/e1 of pipeline 'p'".</param>
    /// <param name="sizeBytes">Its size on the wire.</param>
    /// <param name="limitBytes">The limit of one message.</param>
    /// <param name="setting">The setting that sets the limit, e.g. <c>Traffic:MaxMessageBytes</c>.</param>
    public MessageTooLargeException(string what, long sizeBytes, long limitBytes, string setting)
        : base(string.Create(CultureInfo.InvariantCulture,
            $"{what} is {sizeBytes:N0} bytes, more than the limit of {limitBytes:N0} bytes for one message ({setting}); it was not sent."))
    {
        What = what;
        SizeBytes = sizeBytes;
        LimitBytes = limitBytes;
        Setting = setting;
    }

    [Id(0)] public string What { get; private set; } = string.Empty;

    [Id(1)] public long SizeBytes { get; private set; }

    [Id(2)] public long LimitBytes { get; private set; }

    [Id(3)] public string Setting { get; private set; } = string.Empty;
}
