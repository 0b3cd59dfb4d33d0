namespace Ratio1.Orleans.Storage.Serialization;

/// <summary>A stored state document could not be read.</summary>
public sealed class StateFormatException(string message, Exception? innerException = null) : Exception(message, innerException);
