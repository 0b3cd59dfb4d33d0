using Ratio1.Orleans.Contracts.Messages;

namespace Ratio1.Orleans.Edge.Traffic;

/// <summary>A message handed to the publisher and not yet accepted by the stream provider.</summary>
/// <param name="Bytes">What it costs while it waits: its size on the wire plus the objects that hold it.</param>
/// <param name="Since">When it was handed over (<see cref="TimeProvider.GetTimestamp"/>), so it can expire.</param>
/// <param name="Sequence">The node's sequence number in the message's envelope.</param>
internal readonly record struct OutgoingMessage(StreamId Stream, object Message, MessageKind Kind, long Bytes, long Since, long Sequence);
