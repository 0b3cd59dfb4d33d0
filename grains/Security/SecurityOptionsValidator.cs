using Microsoft.Extensions.Options;

namespace Ratio1.Orleans.Grains.Security;

/// <summary>
/// Checks the <c>Security</c> section: every admin address (<c>Security:Admins</c> and the lines of
/// <c>Security:AdminsFile</c>) and the replay window. A bad admin must stop the silo at start, naming the entry.
/// </summary>
public sealed class SecurityOptionsValidator : IValidateOptions<SecurityOptions>
{
    public ValidateOptionsResult Validate(string? name, SecurityOptions options)
    {
        var problems = new List<string>();
        try
        {
            _ = new ConfiguredAdmins(Options.Create(options));
        }
        catch (InvalidOperationException e)
        {
            problems.Add(e.Message);
        }

        if (options.ReplayWindowSeconds is < 5 or > 3600)
        {
            problems.Add($"{SecurityOptions.Section}:ReplayWindowSeconds must be between 5 and 3600, not {options.ReplayWindowSeconds}.");
        }

        return problems.Count > 0 ? ValidateOptionsResult.Fail(problems) : ValidateOptionsResult.Success;
    }
}
