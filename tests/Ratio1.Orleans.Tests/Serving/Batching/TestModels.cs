using System.Text;

namespace Ratio1.Orleans.Tests.Serving.Batching;

/// <summary>
/// Small ONNX models written by hand for the batcher's tests and benchmarks (protobuf encoded here, field numbers from
/// onnx.proto). Test-only: to be deleted in favour of <c>serving/Onnx/SampleModels</c> once that lands.
/// </summary>
internal static class TestModels
{
    private const int FloatType = 1;
    private const int Int64Type = 7;

    /// <summary><c>y = x · W + b</c>, x <c>[batch, features]</c> → y <c>[batch, outputs]</c>; the batch axis free unless <paramref name="fixedBatch"/>.</summary>
    /// <param name="freeFeatures">Leave the feature axis free in the declared input (a wrong-sized item then fails in ONNX Runtime, not before).</param>
    public static byte[] Linear(float[,] weights, float[] bias, long? fixedBatch = null, bool freeFeatures = false)
    {
        var (features, outputs) = (weights.GetLength(0), weights.GetLength(1));
        var graph = new Graph("linear");
        graph.Initializer("W", [features, outputs], Flatten(weights));
        graph.Initializer("b", [outputs], bias);
        graph.Node("MatMul", ["x", "W"], ["xw"]);
        graph.Node("Add", ["xw", "b"], ["y"]);
        graph.Input("x", FloatType, [fixedBatch ?? -1, freeFeatures ? -1 : features]);
        graph.Output("y", FloatType, [fixedBatch ?? -1, outputs]);
        return graph.ToModel();
    }

    /// <summary>A two-layer perceptron <c>inputs → hidden (ReLU) → outputs</c> with seeded random weights.</summary>
    public static byte[] Mlp(int inputs, int hidden, int outputs, int seed = 1)
    {
        var random = new Random(seed);
        float[] Weights(int n, int fanIn) => [.. Enumerable.Range(0, n).Select(_ => (float)((random.NextDouble() * 2 - 1) / Math.Sqrt(fanIn)))];
        var graph = new Graph("mlp");
        graph.Initializer("W1", [inputs, hidden], Weights(inputs * hidden, inputs));
        graph.Initializer("b1", [hidden], Weights(hidden, inputs));
        graph.Initializer("W2", [hidden, outputs], Weights(hidden * outputs, hidden));
        graph.Initializer("b2", [outputs], Weights(outputs, hidden));
        graph.Node("MatMul", ["x", "W1"], ["h0"]);
        graph.Node("Add", ["h0", "b1"], ["h1"]);
        graph.Node("Relu", ["h1"], ["h"]);
        graph.Node("MatMul", ["h", "W2"], ["y0"]);
        graph.Node("Add", ["y0", "b2"], ["y"]);
        graph.Input("x", FloatType, [-1, inputs]);
        graph.Output("y", FloatType, [-1, outputs]);
        return graph.ToModel();
    }

    /// <summary><c>y = Identity(x)</c> on int64: a valid model the batcher must refuse (float32 only).</summary>
    public static byte[] Int64Identity()
    {
        var graph = new Graph("int64");
        graph.Node("Identity", ["x"], ["y"]);
        graph.Input("x", Int64Type, [-1, 4]);
        graph.Output("y", Int64Type, [-1, 4]);
        return graph.ToModel();
    }

    /// <summary>Deterministic pseudo-random values in [-1, 1).</summary>
    public static float[] Values(int count, int seed)
    {
        var random = new Random(seed);
        return [.. Enumerable.Range(0, count).Select(_ => (float)(random.NextDouble() * 2 - 1))];
    }

    /// <summary>Writes a model into a fresh file under the temp folder; the caller deletes it.</summary>
    public static string Save(byte[] model)
    {
        var path = Path.Combine(Path.GetTempPath(), $"r1-test-model-{Guid.NewGuid():N}.onnx");
        File.WriteAllBytes(path, model);
        return path;
    }

    private static float[] Flatten(float[,] matrix) => [.. matrix.Cast<float>()];

    /// <summary>A GraphProto under construction (node=1, name=2, initializer=5, input=11, output=12).</summary>
    private sealed class Graph(string name)
    {
        private readonly Proto _proto = new();
        private int _nodes;

        public void Initializer(string tensor, long[] dims, float[] values)
        {
            // TensorProto: dims=1, data_type=2, name=8, raw_data=9 (little-endian floats).
            var t = new Proto();
            foreach (var d in dims)
            {
                t.Varint(1, (ulong)d);
            }

            t.Varint(2, FloatType);
            t.String(8, tensor);
            var raw = new byte[values.Length * sizeof(float)];
            Buffer.BlockCopy(values, 0, raw, 0, raw.Length);
            t.Bytes(9, raw);
            _proto.Message(5, t);
        }

        public void Node(string op, string[] inputs, string[] outputs)
        {
            // NodeProto: input=1, output=2, name=3, op_type=4.
            var n = new Proto();
            foreach (var input in inputs)
            {
                n.String(1, input);
            }

            foreach (var output in outputs)
            {
                n.String(2, output);
            }

            n.String(3, $"{op.ToLowerInvariant()}{_nodes++}");
            n.String(4, op);
            _proto.Message(1, n);
        }

        public void Input(string tensor, int elementType, long[] dims) => _proto.Message(11, ValueInfo(tensor, elementType, dims));

        public void Output(string tensor, int elementType, long[] dims) => _proto.Message(12, ValueInfo(tensor, elementType, dims));

        /// <summary>ModelProto: ir_version=1 (8), producer_name=2, graph=7, opset_import=8 (domain "", version 13).</summary>
        public byte[] ToModel()
        {
            _proto.String(2, name);
            var model = new Proto();
            model.Varint(1, 8);
            model.String(2, "ratio1-tests");
            model.Message(7, _proto);
            var opset = new Proto();
            opset.Varint(2, 13);
            model.Message(8, opset);
            return model.ToArray();
        }

        private static Proto ValueInfo(string tensor, int elementType, long[] dims)
        {
            // ValueInfoProto name=1, type=2 → TypeProto.tensor_type=1 → elem_type=1, shape=2 → dim=1 → dim_value=1 | dim_param=2.
            var shape = new Proto();
            foreach (var d in dims)
            {
                var dim = new Proto();
                if (d < 0)
                {
                    dim.String(2, "batch");
                }
                else
                {
                    dim.Varint(1, (ulong)d);
                }

                shape.Message(1, dim);
            }

            var tensorType = new Proto();
            tensorType.Varint(1, (ulong)elementType);
            tensorType.Message(2, shape);
            var type = new Proto();
            type.Message(1, tensorType);
            var info = new Proto();
            info.String(1, tensor);
            info.Message(2, type);
            return info;
        }
    }

    /// <summary>The protobuf wire format, as far as these models need it: varints and length-delimited fields.</summary>
    private sealed class Proto
    {
        private readonly MemoryStream _bytes = new();

        public void Varint(int field, ulong value)
        {
            Key(field, 0);
            Raw(value);
        }

        public void String(int field, string value) => Bytes(field, Encoding.UTF8.GetBytes(value));

        public void Message(int field, Proto message) => Bytes(field, message.ToArray());

        public void Bytes(int field, byte[] value)
        {
            Key(field, 2);
            Raw((ulong)value.Length);
            _bytes.Write(value);
        }

        public byte[] ToArray() => _bytes.ToArray();

        private void Key(int field, int wireType) => Raw((ulong)((field << 3) | wireType));

        private void Raw(ulong value)
        {
            while (value >= 0x80)
            {
                _bytes.WriteByte((byte)(value | 0x80));
                value >>= 7;
            }

            _bytes.WriteByte((byte)value);
        }
    }
}
