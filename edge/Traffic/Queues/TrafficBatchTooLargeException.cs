namespace Ratio1.Orleans.Edge.Traffic.Queues;

/// <summary>A batch serialized larger than a queue takes (about one message's limit). Never leaves the publishing silo.</summary>
public sealed class TrafficBatchTooLargeException(long sizeBytes, int messages)
    : Exception($"A traffic batch of {messages} message(s) is {sizeBytes} bytes once serialized, more than a queue takes.")
{
    public long SizeBytes => sizeBytes;
}
