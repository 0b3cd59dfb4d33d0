namespace Ratio1.Orleans.Contracts.Serving;

/// <summary>Where a declared model stands on its node.</summary>
[GenerateSerializer, Alias("r1.model-state")]
public enum ModelState
{
    /// <summary>Being loaded and warmed up.</summary>
    Loading = 0,

    /// <summary>Serving requests.</summary>
    Loaded = 1,

    /// <summary>Could not be loaded; <see cref="ModelStatus.Reason"/> says why.</summary>
    Failed = 2,
}
