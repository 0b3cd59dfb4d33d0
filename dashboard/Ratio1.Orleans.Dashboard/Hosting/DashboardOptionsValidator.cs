using Microsoft.Extensions.Options;
using Ratio1.Orleans.Contracts.Security;
using Ratio1.Orleans.Dashboard.Access;

namespace Ratio1.Orleans.Dashboard.Hosting;

/// <summary>
/// Checks the dashboard's settings when the host starts, naming each bad one by its path and value (never a token):
/// users need a unique name and a readable token file of at least 16 characters; identity files must load.
/// </summary>
public sealed class DashboardOptionsValidator : IValidateOptions<DashboardOptions>
{
    public ValidateOptionsResult Validate(string? name, DashboardOptions options)
    {
        var errors = new List<string>();
        Identity(errors, "Dashboard:IdentityFile", options.IdentityFile);
        if (options.TokenFile is { Length: > 0 } tokenFile)
        {
            Token(errors, "Dashboard:TokenFile", tokenFile);
        }

        if (options.Token is { Length: > 0 } token && token.Trim().Length < DashboardOptions.MinimumTokenLength)
        {
            errors.Add($"Dashboard:Token is {token.Trim().Length} characters; it needs at least {DashboardOptions.MinimumTokenLength}");
        }

        if (string.IsNullOrWhiteSpace(options.ClientName))
        {
            errors.Add("Dashboard:ClientName is empty; give the name the dashboard's requests carry (default 'dashboard')");
        }

        var names = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < options.Users.Count; i++)
        {
            var user = options.Users[i];
            if (string.IsNullOrWhiteSpace(user.Name))
            {
                errors.Add($"Dashboard:Users:{i}:Name is empty; every user needs a name");
            }
            else if (!names.Add(user.Name))
            {
                errors.Add($"Dashboard:Users:{i}:Name = '{user.Name}' is given to another user too");
            }

            if (user.TokenFile is not { Length: > 0 } userTokenFile)
            {
                errors.Add($"Dashboard:Users:{i}:TokenFile is required (user '{user.Name}'): a file holding the user's token");
            }
            else
            {
                Token(errors, $"Dashboard:Users:{i}:TokenFile", userTokenFile);
            }

            Identity(errors, $"Dashboard:Users:{i}:IdentityFile", user.IdentityFile);
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }

    private static void Token(List<string> errors, string setting, string file)
    {
        try
        {
            DashboardToken.ReadFile(file, setting, DashboardOptions.MinimumTokenLength);
        }
        catch (ArgumentException e)
        {
            errors.Add(e.Message);
        }
    }

    private static void Identity(List<string> errors, string setting, string? file)
    {
        if (file is not { Length: > 0 })
        {
            return;
        }

        try
        {
            using var identity = Ratio1Identity.Load(file);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or FormatException or System.Security.Cryptography.CryptographicException)
        {
            errors.Add($"{setting} = '{file}' cannot be loaded: {e.Message}");
        }
    }
}
