namespace Ratio1.Orleans.Serving.Onnx;

/// <summary>
/// Serialises an <see cref="OnnxGraph"/> as an ONNX <c>ModelProto</c> (IR version 8, default-domain opset 13) that ONNX
/// Runtime loads directly, using the project's own protobuf encoder. Field numbers are those of <c>onnx.proto</c>.
/// </summary>
public static class OnnxModelWriter
{
    /// <summary>The ONNX IR version written by default (ONNX 1.10 and later read it).</summary>
    public const long DefaultIrVersion = 8;

    /// <summary>The default-domain operator set written by default.</summary>
    public const long DefaultOpsetVersion = 13;

    /// <summary>The producer name written by default.</summary>
    public const string DefaultProducerName = "Ratio1.Orleans";

    /// <summary>The model as bytes, ready for <c>new InferenceSession(bytes)</c> or a <c>.onnx</c> file.</summary>
    public static byte[] Write(
        OnnxGraph graph,
        string producerName = DefaultProducerName,
        long irVersion = DefaultIrVersion,
        long opsetVersion = DefaultOpsetVersion)
    {
        ArgumentNullException.ThrowIfNull(graph);
        ArgumentException.ThrowIfNullOrWhiteSpace(producerName);

        var model = new ProtobufWriter();
        model.WriteInt64(ModelField.IrVersion, irVersion);
        model.WriteString(ModelField.ProducerName, producerName);
        model.WriteMessage(ModelField.Graph, writer => WriteGraph(writer, graph));
        model.WriteMessage(ModelField.OpsetImport, opset =>
        {
            // The empty domain is ai.onnx, which holds every operator the builder uses.
            opset.WriteString(OperatorSetField.Domain, "");
            opset.WriteInt64(OperatorSetField.Version, opsetVersion);
        });
        return model.ToArray();
    }

    /// <summary>Writes the model to a file, replacing one already there.</summary>
    public static void Save(OnnxGraph graph, string path) => File.WriteAllBytes(path, Write(graph));

    private static void WriteGraph(ProtobufWriter writer, OnnxGraph graph)
    {
        foreach (var node in graph.Nodes)
        {
            writer.WriteMessage(GraphField.Node, nodeWriter => WriteNode(nodeWriter, node));
        }

        writer.WriteString(GraphField.Name, graph.Name);
        foreach (var tensor in graph.Initializers)
        {
            writer.WriteMessage(GraphField.Initializer, tensorWriter => WriteTensor(tensorWriter, tensor));
        }

        foreach (var input in graph.Inputs)
        {
            writer.WriteMessage(GraphField.Input, valueWriter => WriteValueInfo(valueWriter, input));
        }

        foreach (var output in graph.Outputs)
        {
            writer.WriteMessage(GraphField.Output, valueWriter => WriteValueInfo(valueWriter, output));
        }
    }

    private static void WriteNode(ProtobufWriter writer, OnnxNode node)
    {
        foreach (var input in node.Inputs)
        {
            writer.WriteString(NodeField.Input, input);
        }

        foreach (var output in node.Outputs)
        {
            writer.WriteString(NodeField.Output, output);
        }

        writer.WriteString(NodeField.Name, node.Name);
        writer.WriteString(NodeField.OpType, node.OpType);
        foreach (var attribute in node.Attributes)
        {
            writer.WriteMessage(NodeField.Attribute, attributeWriter => WriteAttribute(attributeWriter, attribute));
        }
    }

    private static void WriteAttribute(ProtobufWriter writer, OnnxAttribute attribute)
    {
        writer.WriteString(AttributeField.Name, attribute.Name);
        switch (attribute.Type)
        {
            case OnnxAttributeType.Float:
                writer.WriteFloat(AttributeField.Float, attribute.FloatValues[0]);
                break;
            case OnnxAttributeType.Int:
                writer.WriteInt64(AttributeField.Int, attribute.IntValues[0]);
                break;
            case OnnxAttributeType.Floats:
                // onnx.proto is proto2, where repeated scalars are unpacked: one key per element.
                foreach (var value in attribute.FloatValues)
                {
                    writer.WriteFloat(AttributeField.Floats, value);
                }

                break;
            case OnnxAttributeType.Ints:
                foreach (var value in attribute.IntValues)
                {
                    writer.WriteInt64(AttributeField.Ints, value);
                }

                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(attribute), attribute.Type, "Unsupported attribute type.");
        }
        writer.WriteInt64(AttributeField.Type, (long)attribute.Type);
    }

    private static void WriteTensor(ProtobufWriter writer, OnnxTensor tensor)
    {
        foreach (var dim in tensor.Dims)
        {
            writer.WriteInt64(TensorField.Dims, dim);
        }

        writer.WriteInt64(TensorField.DataType, (long)tensor.ElementType);
        writer.WriteString(TensorField.Name, tensor.Name);
        writer.WriteBytes(TensorField.RawData, tensor.RawData);
    }

    private static void WriteValueInfo(ProtobufWriter writer, OnnxValueInfo value)
    {
        writer.WriteString(ValueInfoField.Name, value.Name);
        writer.WriteMessage(ValueInfoField.Type, type =>
            type.WriteMessage(TypeField.TensorType, tensorType =>
            {
                tensorType.WriteInt64(TensorTypeField.ElemType, (long)value.ElementType);
                tensorType.WriteMessage(TensorTypeField.Shape, shape =>
                {
                    foreach (var dimension in value.Shape)
                    {
                        shape.WriteMessage(ShapeField.Dim, dim => WriteDimension(dim, dimension));
                    }
                });
            }));
    }

    private static void WriteDimension(ProtobufWriter writer, OnnxDimension dimension)
    {
        if (dimension.Symbol is { } symbol)
        {
            writer.WriteString(DimensionField.DimParam, symbol);
        }
        else
        {
            writer.WriteInt64(DimensionField.DimValue, dimension.Size ?? 0);
        }
    }

    private static class ModelField
    {
        public const int IrVersion = 1;
        public const int ProducerName = 2;
        public const int Graph = 7;
        public const int OpsetImport = 8;
    }

    private static class OperatorSetField
    {
        public const int Domain = 1;
        public const int Version = 2;
    }

    private static class GraphField
    {
        public const int Node = 1;
        public const int Name = 2;
        public const int Initializer = 5;
        public const int Input = 11;
        public const int Output = 12;
    }

    private static class NodeField
    {
        public const int Input = 1;
        public const int Output = 2;
        public const int Name = 3;
        public const int OpType = 4;
        public const int Attribute = 5;
    }

    private static class AttributeField
    {
        public const int Name = 1;
        public const int Float = 2;
        public const int Int = 3;
        public const int Floats = 7;
        public const int Ints = 8;
        public const int Type = 20;
    }

    private static class TensorField
    {
        public const int Dims = 1;
        public const int DataType = 2;
        public const int Name = 8;
        public const int RawData = 9;
    }

    private static class ValueInfoField
    {
        public const int Name = 1;
        public const int Type = 2;
    }

    private static class TypeField
    {
        public const int TensorType = 1;
    }

    private static class TensorTypeField
    {
        public const int ElemType = 1;
        public const int Shape = 2;
    }

    private static class ShapeField
    {
        public const int Dim = 1;
    }

    private static class DimensionField
    {
        public const int DimValue = 1;
        public const int DimParam = 2;
    }
}
