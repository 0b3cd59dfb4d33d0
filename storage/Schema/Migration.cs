namespace Ratio1.Orleans.Storage.Schema;

/// <summary>One schema step.</summary>
public sealed record Migration(int Version, string Description, string Sql);
