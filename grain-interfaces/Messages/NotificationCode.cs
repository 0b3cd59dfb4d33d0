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

    /// <summary>
    /// <c>COMMS_FAILED</c>: the node's communication failed. A node's silo sends it (<c>ABNORMAL FUNCTIONING</c>) when
    /// its traffic stream provider takes messages again after an outage in which messages were lost; <c>INFO</c> holds
    /// the counts as JSON (<c>DROPPED</c>, <c>BACKLOG_FULL</c>, <c>EXPIRED</c>, <c>TOO_BIG</c>, <c>WAITING</c>, <c>SECONDS</c>).
    /// </summary>
    CommsFailed = -1000,
    CommReceivedBadCommand = -5000,
    ServingStartOk = 10000,
    ServingStartFailed = -10000,
    ServingStartFatalFail = -99999,
}
