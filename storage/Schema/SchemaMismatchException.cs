namespace Ratio1.Orleans.Storage.Schema;

/// <summary>The database schema is missing, older or newer than this build expects.</summary>
public sealed class SchemaMismatchException(string message) : Exception(message);
