namespace Ratio1.Orleans.Silo.Health;

/// <summary>
/// The schema version the storage last reported, and when: every storage probe reads it anyway, so the schema check
/// needs a query of its own only when no probe has read it for <see cref="FreshFor"/>.
/// </summary>
public sealed class SchemaVersionReading
{
    /// <summary>How long a version read stands for the current one (the schema changes only through a migration).</summary>
    public static readonly TimeSpan FreshFor = TimeSpan.FromSeconds(30);

    private Read? _latest;

    /// <summary>The latest version read, or null when none was read yet.</summary>
    public Read? Latest => Volatile.Read(ref _latest);

    /// <summary>Keeps <paramref name="version"/>, read at <paramref name="at"/>, unless a later reading is already kept.</summary>
    public Read Record(int version, DateTimeOffset at)
    {
        var read = new Read(version, at);
        while (true)
        {
            var known = Volatile.Read(ref _latest);
            if (known is not null && known.At > at)
            {
                return known;
            }

            if (Interlocked.CompareExchange(ref _latest, read, known) == known)
            {
                return read;
            }
        }
    }

    /// <param name="Version">The newest version recorded in <c>r1_schema_version</c> (0: none).</param>
    /// <param name="At">When it was read.</param>
    public sealed record Read(int Version, DateTimeOffset At)
    {
        public bool IsFreshAt(DateTimeOffset now) => now - At <= FreshFor;
    }
}
