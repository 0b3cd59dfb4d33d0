namespace Ratio1.Orleans.Contracts.Messages;

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
