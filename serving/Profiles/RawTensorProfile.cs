using System.Collections.Immutable;
using Ratio1.Orleans.Contracts.Errors;
using Ratio1.Orleans.Contracts.Serving;
using Ratio1.Orleans.Serving.Batching;

namespace Ratio1.Orleans.Serving.Profiles;

/// <summary>
/// Tensors in, tensors out: one tensor per model input, matched by name (a single-input model also takes one tensor
/// of any name), shaped like the input with a batch axis of 1 or with the batch axis left out.
/// </summary>
public sealed class RawTensorProfile(ModelDeclaration declaration, ImmutableArray<TensorInfo> inputs, ImmutableArray<TensorInfo> outputs)
    : InferenceProfile(declaration, inputs, outputs)
{
    public override PreparedInput Prepare(InferenceInput input)
    {
        var given = input.Tensors.IsDefault ? [] : input.Tensors;
        if (given.IsEmpty)
        {
            throw new InvalidConfigException("inputs", "[]", $"the model takes tensors: {Describe(Inputs)}");
        }

        var tensors = new TensorData[Inputs.Length];
        for (var i = 0; i < Inputs.Length; i++)
        {
            var expected = Inputs[i];
            var tensor = given.FirstOrDefault(t => string.Equals(t.Name, expected.Name, StringComparison.Ordinal))
                ?? (Inputs.Length == 1 && given.Length == 1 ? given[0] : null)
                ?? throw new InvalidConfigException($"inputs.{expected.Name}", null, $"missing; the model takes {Describe(Inputs)}");
            tensors[i] = Shape(expected, tensor);
        }

        var unknown = given.Where(t => Inputs.Length > 1 || given.Length > 1).FirstOrDefault(t => !Inputs.Any(e => e.Name == t.Name));
        if (unknown is not null)
        {
            throw new InvalidConfigException($"inputs.{unknown.Name}", null, $"the model has no such input; it takes {Describe(Inputs)}");
        }

        return new PreparedInput(tensors);
    }

    public override InferenceResult Complete(PreparedInput prepared, BatchResult result, PostprocessSettings settings) => Result(result);

    // The item's tensor with the batch axis (1) in front, checked against the model's fixed dimensions.
    private static TensorData Shape(TensorInfo expected, TensorData tensor)
    {
        var shape = tensor.Shape.IsDefault ? [] : tensor.Shape;
        if (shape.Length == expected.Shape.Length - 1)
        {
            shape = shape.Insert(0, 1);
        }

        var field = $"inputs.{expected.Name}";
        var given = $"[{string.Join(",", tensor.Shape.IsDefault ? [] : tensor.Shape)}]";
        if (shape.Length != expected.Shape.Length || shape[0] != 1)
        {
            throw new InvalidConfigException(field, given, $"expected one item shaped like {expected} (batch axis 1, or left out)");
        }

        for (var d = 1; d < shape.Length; d++)
        {
            if (shape[d] <= 0 || (expected.Shape[d] >= 0 && expected.Shape[d] != shape[d]))
            {
                throw new InvalidConfigException(field, given, $"dimension {d} must be {(expected.Shape[d] >= 0 ? expected.Shape[d] : "positive")} (the model's input is {expected})");
            }
        }

        var count = shape.Aggregate(1L, (n, d) => n * d);
        if (tensor.Values is null || tensor.Values.Length != count)
        {
            throw new InvalidConfigException(field, given, $"holds {tensor.Values?.Length ?? 0} values; its shape needs {count}");
        }

        return tensor.Name == expected.Name && shape == tensor.Shape ? tensor : new TensorData(expected.Name, shape, tensor.Values);
    }
}
