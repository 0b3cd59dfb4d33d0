using System.Globalization;
using Microsoft.Extensions.Options;

namespace Ratio1.Orleans.Silo.Hosting;

/// <summary>Checks the <c>Cluster:Membership</c> section; each failure names its key and value.</summary>
public sealed class MembershipSettingsValidator : IValidateOptions<MembershipSettings>
{
    private const string Section = MembershipSettings.SectionName;

    public ValidateOptionsResult Validate(string? name, MembershipSettings options) =>
        Problems(options).ToList() is { Count: > 0 } problems ? ValidateOptionsResult.Fail(problems) : ValidateOptionsResult.Success;

    private static IEnumerable<string> Problems(MembershipSettings options)
    {
        foreach (var (key, value, min, max) in new[]
                 {
                     (nameof(MembershipSettings.ProbeTimeoutSeconds), options.ProbeTimeoutSeconds, 0.5, 60.0),
                     (nameof(MembershipSettings.DeathVoteExpirationSeconds), options.DeathVoteExpirationSeconds, 5.0, 3600.0),
                     (nameof(MembershipSettings.TableRefreshSeconds), options.TableRefreshSeconds, 0.5, 600.0),
                     (nameof(MembershipSettings.IAmAliveSeconds), options.IAmAliveSeconds, 1.0, 3600.0),
                 })
        {
            if (double.IsNaN(value) || value < min || value > max)
            {
                yield return string.Create(CultureInfo.InvariantCulture, $"{Section}:{key} {value} must be between {min} and {max} seconds");
            }
        }

        if (options.MissedProbesLimit is < 1 or > 10)
        {
            yield return $"{Section}:{nameof(MembershipSettings.MissedProbesLimit)} {options.MissedProbesLimit} must be between 1 and 10";
        }

        if (options.VotesForDeath is < 1 or > 10)
        {
            yield return $"{Section}:{nameof(MembershipSettings.VotesForDeath)} {options.VotesForDeath} must be between 1 and 10";
        }
    }
}
