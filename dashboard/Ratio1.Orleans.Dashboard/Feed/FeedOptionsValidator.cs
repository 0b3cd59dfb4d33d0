using System.Globalization;
using Microsoft.Extensions.Options;

namespace Ratio1.Orleans.Dashboard.Feed;

/// <summary>Refuses feed settings that cannot work, naming the setting and its value.</summary>
internal sealed class FeedOptionsValidator : IValidateOptions<FeedOptions>
{
    public ValidateOptionsResult Validate(string? name, FeedOptions options)
    {
        List<string> errors = [];
        Require(errors, options.FeedBufferMessages >= 1, nameof(FeedOptions.FeedBufferMessages), options.FeedBufferMessages, "at least 1");
        Require(errors, options.FeedKeepAliveSeconds > 0, nameof(FeedOptions.FeedKeepAliveSeconds), options.FeedKeepAliveSeconds, "more than 0");
        Require(errors, options.FeedFieldMaxChars >= 16, nameof(FeedOptions.FeedFieldMaxChars), options.FeedFieldMaxChars, "at least 16");
        Require(errors, options.RecentHeartbeats >= 1, nameof(FeedOptions.RecentHeartbeats), options.RecentHeartbeats, "at least 1");
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }

    private static void Require(List<string> errors, bool ok, string setting, double value, string rule)
    {
        if (!ok)
        {
            errors.Add(string.Create(CultureInfo.InvariantCulture, $"{FeedOptions.Section}:{setting} is {value}; it must be {rule}."));
        }
    }
}
