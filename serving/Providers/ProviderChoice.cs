using Ratio1.Orleans.Contracts.Serving;

namespace Ratio1.Orleans.Serving.Providers;

/// <summary>
/// Where a model's session ended up: the provider the declaration asked for, the one in use, the device, and — when a
/// GPU provider that was asked for (or that the build offers under <see cref="ExecutionProvider.Auto"/>) could not be
/// used — why, in words an operator can act on.
/// </summary>
/// <param name="Requested">The declaration's provider.</param>
/// <param name="Used">The provider the session runs on (never <see cref="ExecutionProvider.Auto"/>).</param>
/// <param name="DeviceId">The GPU the session runs on; 0 and meaningless on the CPU.</param>
/// <param name="FallbackReason">Null when the session runs where it was asked to, or where Auto found nothing better in this build.</param>
public sealed record ProviderChoice(ExecutionProvider Requested, ExecutionProvider Used, int DeviceId, string? FallbackReason)
{
    /// <summary>The <see cref="DeviceSlots"/> key of the device the session runs on: <c>cpu</c> or <c>cuda:N</c>.</summary>
    public string DeviceKey => DeviceSlots.KeyOf(Used, DeviceId);
}
