using Orleans.Configuration;

namespace Ratio1.Orleans.Silo.Hosting;

/// <summary>
/// How fast the silos of a cluster declare a silo dead (configuration section <c>Cluster:Membership</c>; cluster mode
/// only). The defaults are tuned for silos on one LAN: a crashed silo (<c>kill -9</c>, power loss) is declared dead in
/// about 3-4 s instead of Orleans' 10-18 s, so its grains reactivate on a survivor that much sooner. The price is a
/// shorter tolerance for a silo that stops answering while alive (a long garbage collection, a saturated machine, a
/// congested link): one silent for <see cref="ProbeTimeoutSeconds"/> x <see cref="MissedProbesLimit"/> while its
/// connections carry nothing either is declared dead, and a silo told it is dead stops (its supervisor starts it
/// again). Over a WAN or on overloaded machines raise both (docs/operations.md "Failure detection").
/// </summary>
public sealed class MembershipSettings
{
    public const string SectionName = "Cluster:Membership";

    /// <summary>Seconds a silo waits for the answer to one liveness probe (Orleans' <c>ProbeTimeout</c>; default 2, Orleans 5).</summary>
    public double ProbeTimeoutSeconds { get; set; } = 2;

    /// <summary>Probes in a row a silo may miss before its prober suspects it (Orleans' <c>NumMissedProbesLimit</c>; default 2, Orleans 3).</summary>
    public int MissedProbesLimit { get; set; } = 2;

    /// <summary>
    /// Suspicions (votes) that declare a silo dead (Orleans' <c>NumVotesForDeathDeclaration</c>; default 2). Orleans
    /// asks for fewer when fewer silos are alive to vote, so a two-silo cluster still detects a crash.
    /// </summary>
    public int VotesForDeath { get; set; } = 2;

    /// <summary>Seconds a suspicion counts towards a death declaration (Orleans' <c>DeathVoteExpirationTimeout</c>; default 30, Orleans 120).</summary>
    public double DeathVoteExpirationSeconds { get; set; } = 30;

    /// <summary>Seconds between two reads of the membership table by each silo (Orleans' <c>TableRefreshTimeout</c>; default 2, Orleans 60).</summary>
    public double TableRefreshSeconds { get; set; } = 2;

    /// <summary>Seconds between two writes of a silo's "I am alive" time to the membership table (Orleans' <c>IAmAliveTablePublishTimeout</c>; default 5, Orleans 300).</summary>
    public double IAmAliveSeconds { get; set; } = 5;

    /// <summary>
    /// Whether a silo whose connections still carry messages is spared suspicion even when it misses probes (Orleans'
    /// <c>EnableConnectionLivenessCheck</c>; default true). It protects a busy silo from a false death; it also makes a
    /// hung silo (<c>SIGSTOP</c>, a deadlock) take about 18 s rather than 5 s to be declared dead.
    /// </summary>
    public bool ConnectionLivenessCheck { get; set; } = true;

    /// <summary>Sets Orleans' membership options from these settings.</summary>
    public void ApplyTo(ClusterMembershipOptions options)
    {
        options.ProbeTimeout = TimeSpan.FromSeconds(ProbeTimeoutSeconds);
        options.NumMissedProbesLimit = MissedProbesLimit;
        options.NumVotesForDeathDeclaration = VotesForDeath;
        // Each silo probes at least as many others as votes are needed, or a death could never be declared.
        options.NumProbedSilos = Math.Max(options.NumProbedSilos, VotesForDeath);
        options.DeathVoteExpirationTimeout = TimeSpan.FromSeconds(DeathVoteExpirationSeconds);
        options.TableRefreshTimeout = TimeSpan.FromSeconds(TableRefreshSeconds);
        options.IAmAliveTablePublishTimeout = TimeSpan.FromSeconds(IAmAliveSeconds);
        options.EnableConnectionLivenessCheck = ConnectionLivenessCheck;
    }
}
