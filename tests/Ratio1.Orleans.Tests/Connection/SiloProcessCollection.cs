namespace Ratio1.Orleans.Tests.Connection;

/// <summary>
/// Tests that kill and restart silo processes of their own: one at a time, as each starts a whole silo process (and
/// some a PostgreSQL server) and the machine running the suite may have two cores.
/// </summary>
[CollectionDefinition(Name)]
public sealed class SiloProcessCollection
{
    public const string Name = "silo processes";
}
