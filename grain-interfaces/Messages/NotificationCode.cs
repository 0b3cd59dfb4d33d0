namespace Ratio1.Orleans.Contracts.Messages;

/// <summary>
/// Ratio1 notification codes (<c>NOTIFICATION_CODES</c>): positive = success, negative = failure. Plugins may also
/// use their own codes in the business range 500..899.
/// </summary>
public enum NotificationCode
{
    None = 0,
    PipelineOk = 1,
    PipelineFailed = -1,
    PipelineDataOk = 2,
    PipelineDataFailed = -2,
    PipelineDctConfigOk = 3,
    PipelineDctConfigFailed = -3,
    PipelineArchiveOk = 4,
    PipelineArchiveFailed = -4,
    PluginConfigOk = 100,
    PluginConfigFailed = -100,
    PluginInstanceCommandOk = 101,
    PluginInstanceCommandFailed = -101,
    PluginPauseOk = 110,
    PluginPauseFailed = -110,
    PluginResumeOk = 111,
    PluginResumeFailed = -111,
    PluginWorkingHoursShiftStart = 112,
    PluginWorkingHoursShiftStartFailed = -112,
    PluginWorkingHoursShiftEnd = 113,
    PluginWorkingHoursShiftEndFailed = -113,
    PluginConfigInPauseOk = 120,
    PluginConfigInPauseFailed = -120,
    PluginDelayed = -999,
    CommsOk = 1000,
    CommsFailed = -1000,
    CommReceivedBadCommand = -5000,
    ServingStartOk = 10000,
    ServingStartFailed = -10000,
    ServingStartFatalFail = -99999,
}

/// <summary>Ratio1 names of notification codes (<c>NOTIFICATION_TAG</c>).</summary>
public static class NotificationCodes
{
    /// <summary>First code of the range plugins may use for their own notifications.</summary>
    public const int BusinessRangeStart = 500;
    /// <summary>Last code of the business range.</summary>
    public const int BusinessRangeEnd = 899;

    /// <summary>True for success codes.</summary>
    public static bool IsSuccess(this NotificationCode code) => (int)code > 0;

    /// <summary>The Ratio1 tag of a code: <c>PIPELINE_OK</c>, <c>PLUGIN_CONFIG_OK</c>, ...</summary>
    public static string ToTag(this NotificationCode code) => code switch
    {
        NotificationCode.PipelineDctConfigOk => "PIPELINE_DCT_CONFIG_OK",
        NotificationCode.PipelineDctConfigFailed => "PIPELINE_DCT_CONFIG_FAILED",
        _ when Enum.IsDefined(code) => ToUpperSnake(code.ToString()),
        _ => ((int)code).ToString(System.Globalization.CultureInfo.InvariantCulture),
    };

    private static string ToUpperSnake(string pascal)
    {
        var builder = new System.Text.StringBuilder(pascal.Length + 8);
        for (var i = 0; i < pascal.Length; i++)
        {
            if (i > 0 && char.IsUpper(pascal[i]))
            {
                builder.Append('_');
            }

            builder.Append(char.ToUpperInvariant(pascal[i]));
        }

        return builder.ToString();
    }
}
