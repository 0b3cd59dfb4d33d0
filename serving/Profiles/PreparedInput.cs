using Ratio1.Orleans.Contracts.Serving;
using Ratio1.Orleans.Serving.Processing;

namespace Ratio1.Orleans.Serving.Profiles;

/// <summary>
/// One item ready for its model: a tensor per model input (batch axis 1), and for an image how it was resized into
/// the model's input (to map boxes back onto it).
/// </summary>
public sealed record PreparedInput(IReadOnlyList<TensorData> Tensors, ImageResize? Resize = null);
