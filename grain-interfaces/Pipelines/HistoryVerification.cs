namespace Ratio1.Orleans.Contracts.Pipelines;

/// <summary>
/// The result of checking a pipeline's history chain end to end, as stored: every version's config hash and record
/// hash recomputed, every link to the version before it, and every signed version's request signature.
/// </summary>
/// <param name="Intact">Whether every version checked out.</param>
/// <param name="VersionsChecked">Versions read and checked (up to and including the first broken one).</param>
/// <param name="FirstBrokenVersion">The first version that did not check out; null when intact.</param>
/// <param name="Reason">Why that version did not check out; null when intact.</param>
/// <param name="SignedVersions">Versions among those checked whose signed request verified (the others were unsigned).</param>
/// <param name="UnchainedVersions">Versions stored before history chaining existed (hashed on the fly, linked to by the first chained one).</param>
/// <param name="HeadHash">The record hash of the latest version when intact: keep it elsewhere to detect a later rewrite of the whole chain.</param>
[GenerateSerializer, Immutable, Alias("r1.history-verification")]
public sealed record HistoryVerification(
    [property: Id(0)] bool Intact,
    [property: Id(1)] int VersionsChecked,
    [property: Id(2)] int? FirstBrokenVersion,
    [property: Id(3)] string? Reason,
    [property: Id(4)] int SignedVersions = 0,
    [property: Id(5)] int UnchainedVersions = 0,
    [property: Id(6)] string? HeadHash = null);
