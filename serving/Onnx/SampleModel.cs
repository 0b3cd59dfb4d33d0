namespace Ratio1.Orleans.Serving.Onnx;

/// <summary>
/// A small ONNX model built in code, for tests, examples and benchmarks: its bytes, the single input and output it
/// declares, and (in the derived records) the weights a reference implementation needs to reproduce its outputs.
/// </summary>
/// <param name="Bytes">The serialised model, ready for <c>new InferenceSession(Bytes)</c>.</param>
/// <param name="InputName">The model's one input.</param>
/// <param name="OutputName">The model's one output.</param>
/// <param name="InputShape">The input's shape as ONNX Runtime reports it: -1 for the symbolic batch axis.</param>
/// <param name="OutputShape">The output's shape as ONNX Runtime reports it: -1 for the symbolic batch axis.</param>
public abstract record SampleModel(
    byte[] Bytes,
    string InputName,
    string OutputName,
    IReadOnlyList<long> InputShape,
    IReadOnlyList<long> OutputShape)
{
    /// <summary>The name of the batch axis, symbolic in every sample model.</summary>
    public const string BatchAxis = "batch";

    /// <summary>Writes the model to <paramref name="path"/> (creating its folder), replacing a file already there.</summary>
    public void Save(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        var folder = Path.GetDirectoryName(Path.GetFullPath(path));
        if (!string.IsNullOrEmpty(folder))
        {
            Directory.CreateDirectory(folder);
        }

        File.WriteAllBytes(path, Bytes);
    }
}
