using Orleans.Configuration;
using Ratio1.Orleans.Silo.Hosting;

namespace Ratio1.Orleans.Tests.Cluster;

/// <summary>How fast a cluster declares a silo dead: tuned defaults, checked settings.</summary>
public sealed class MembershipSettingsTests
{
    [Fact]
    public void The_defaults_declare_a_crashed_silo_dead_within_about_four_seconds_on_a_lan()
    {
        var options = new ClusterMembershipOptions();

        new MembershipSettings().ApplyTo(options);

        Assert.Equal(TimeSpan.FromSeconds(2), options.ProbeTimeout);
        Assert.Equal(2, options.NumMissedProbesLimit);
        Assert.Equal(2, options.NumVotesForDeathDeclaration);
        Assert.Equal(TimeSpan.FromSeconds(2), options.TableRefreshTimeout);
        Assert.True(options.ProbeTimeout * options.NumMissedProbesLimit <= TimeSpan.FromSeconds(4));
    }

    [Fact]
    public void Each_silo_probes_at_least_as_many_silos_as_votes_are_needed()
    {
        var options = new ClusterMembershipOptions { NumProbedSilos = 1 };

        new MembershipSettings { VotesForDeath = 3 }.ApplyTo(options);

        Assert.Equal(3, options.NumProbedSilos);
    }

    [Theory]
    [InlineData("--Cluster:Membership:ProbeTimeoutSeconds=0.1", "Cluster:Membership:ProbeTimeoutSeconds", "0.1")]
    [InlineData("--Cluster:Membership:MissedProbesLimit=0", "Cluster:Membership:MissedProbesLimit", "0")]
    [InlineData("--Cluster:Membership:VotesForDeath=11", "Cluster:Membership:VotesForDeath", "11")]
    [InlineData("--Cluster:Membership:IAmAliveSeconds=0", "Cluster:Membership:IAmAliveSeconds", "0")]
    public void A_bad_membership_setting_stops_the_silo_before_it_starts_and_is_named(string argument, string named, string value)
    {
        var error = Assert.Throws<ArgumentException>(() => EdgeSiloHost.Build([argument]));

        Assert.Contains(named, error.Message);
        Assert.Contains(value, error.Message);
    }
}
