using Microsoft.Extensions.Options;
using Ratio1.Orleans.Storage.Faults;
using Ratio1.Orleans.Storage.Hosting;
using Ratio1.Orleans.Storage.Schema;

namespace Ratio1.Orleans.Silo.Hosting;

/// <summary>Why the silo or one of its commands could not start, as one line for stderr and an exit code (<see cref="SiloExitCodes"/>).</summary>
internal sealed record StartupFailure(int ExitCode, string Message)
{
    /// <summary>The failure <paramref name="exception"/> stands for, or null for an unexpected error (a bug: its stack trace helps).</summary>
    public static StartupFailure? Of(Exception exception) => Described(exception) is { } failure ? failure with { Message = SecretMask.Apply(failure.Message) } : null;

    private static StartupFailure? Described(Exception exception)
    {
        // The silo's own start wraps what its lifecycle participants throw.
        for (var e = exception; e is not null; e = e.InnerException)
        {
            switch (e)
            {
                case DatabaseUnavailableException database:
                    return new(ExitCodeOf(database.Failure.Kind), database.Message);
                case SchemaMismatchException schema:
                    return new(SiloExitCodes.InvalidSettings, schema.Message);
                case InsecureBindingException insecure:
                    return new(SiloExitCodes.InsecureBinding, insecure.Message);
                case OptionsValidationException invalid:
                    // A validator failing at host start (ValidateOnStart); SiloSettings.Check normally finds it first.
                    return new(SiloExitCodes.InvalidSettings, "Invalid settings:" + string.Concat(invalid.Failures.Select(f => Environment.NewLine + "  " + f)));
            }
        }

        return exception is ArgumentException or InvalidOperationException ? new(SiloExitCodes.InvalidSettings, exception.Message) : null;
    }

    private static int ExitCodeOf(DatabaseFailureKind kind) => kind switch
    {
        DatabaseFailureKind.Unreachable => SiloExitCodes.DatabaseUnreachable,
        DatabaseFailureKind.CredentialsRefused => SiloExitCodes.DatabaseCredentialsRefused,
        _ => SiloExitCodes.DatabaseFailed,
    };
}
