namespace Ratio1.Orleans.Tests.Serving.Models;

/// <summary>
/// Naive reference implementations of the ONNX operators the sample models use, written straight from the operator
/// definitions with plain loops and double accumulators, to check ONNX Runtime's outputs against. Tensors are
/// row-major float arrays; image tensors are NCHW.
/// </summary>
internal static class ReferenceMath
{
    /// <summary>[rows, inner] · [inner, columns] → [rows, columns].</summary>
    public static float[] MatMul(float[] left, int rows, int inner, float[] right, int columns)
    {
        var result = new float[rows * columns];
        for (var row = 0; row < rows; row++)
        {
            for (var column = 0; column < columns; column++)
            {
                double sum = 0;
                for (var k = 0; k < inner; k++)
                {
                    sum += (double)left[row * inner + k] * right[k * columns + column];
                }

                result[row * columns + column] = (float)sum;
            }
        }
        return result;
    }

    /// <summary>Adds <paramref name="bias"/> to every row of a [rows, bias.Length] matrix.</summary>
    public static float[] AddRowBias(float[] matrix, float[] bias)
    {
        var result = new float[matrix.Length];
        for (var i = 0; i < matrix.Length; i++)
        {
            result[i] = matrix[i] + bias[i % bias.Length];
        }

        return result;
    }

    /// <summary>Gemm with transB = 1: [rows, inner] · [columns, inner]ᵀ + bias[columns].</summary>
    public static float[] Dense(float[] input, int rows, int inner, float[] weights, float[] bias)
    {
        var columns = bias.Length;
        var result = new float[rows * columns];
        for (var row = 0; row < rows; row++)
        {
            for (var column = 0; column < columns; column++)
            {
                double sum = bias[column];
                for (var k = 0; k < inner; k++)
                {
                    sum += (double)input[row * inner + k] * weights[column * inner + k];
                }

                result[row * columns + column] = (float)sum;
            }
        }
        return result;
    }

    /// <summary>Softmax over each row of a [rows, columns] matrix, shifted by the row maximum as ONNX does.</summary>
    public static float[] Softmax(float[] matrix, int columns)
    {
        var result = new float[matrix.Length];
        for (var start = 0; start < matrix.Length; start += columns)
        {
            double max = double.NegativeInfinity;
            for (var i = 0; i < columns; i++)
            {
                max = Math.Max(max, matrix[start + i]);
            }

            double total = 0;
            for (var i = 0; i < columns; i++)
            {
                total += Math.Exp(matrix[start + i] - max);
            }

            for (var i = 0; i < columns; i++)
            {
                result[start + i] = (float)(Math.Exp(matrix[start + i] - max) / total);
            }
        }
        return result;
    }

    /// <summary>
    /// Conv with stride 1 and equal padding on every side: [batch, inChannels, height, width] with weights
    /// [outChannels, inChannels, kernel, kernel] → [batch, outChannels, height + 2·pad − kernel + 1, …].
    /// </summary>
    public static float[] Conv(
        float[] input, int batch, int inChannels, int height, int width,
        float[] weights, float[]? bias, int outChannels, int kernel, int pad,
        out int outHeight, out int outWidth)
    {
        outHeight = height + 2 * pad - kernel + 1;
        outWidth = width + 2 * pad - kernel + 1;
        var result = new float[batch * outChannels * outHeight * outWidth];
        for (var n = 0; n < batch; n++)
        {
            for (var o = 0; o < outChannels; o++)
            {
                for (var y = 0; y < outHeight; y++)
                {
                    for (var x = 0; x < outWidth; x++)
                    {
                        double sum = bias?[o] ?? 0;
                        for (var c = 0; c < inChannels; c++)
                        {
                            for (var ky = 0; ky < kernel; ky++)
                            {
                                for (var kx = 0; kx < kernel; kx++)
                                {
                                    var iy = y + ky - pad;
                                    var ix = x + kx - pad;
                                    if (iy < 0 || iy >= height || ix < 0 || ix >= width)
                                    {
                                        continue; // zero padding
                                    }

                                    sum += (double)input[((n * inChannels + c) * height + iy) * width + ix]
                                           * weights[((o * inChannels + c) * kernel + ky) * kernel + kx];
                                }
                            }
                        }

                        result[((n * outChannels + o) * outHeight + y) * outWidth + x] = (float)sum;
                    }
                }
            }
        }

        return result;
    }

    /// <summary>max(0, v) element-wise.</summary>
    public static float[] Relu(float[] values) => [.. values.Select(v => Math.Max(0f, v))];

    /// <summary>1 / (1 + e^−v) element-wise.</summary>
    public static float[] Sigmoid(float[] values) => [.. values.Select(v => (float)(1 / (1 + Math.Exp(-v))))];

    /// <summary>MaxPool without padding, windows that do not fit dropped (ceil_mode 0).</summary>
    public static float[] MaxPool(
        float[] input, int batch, int channels, int height, int width, int kernel, int stride,
        out int outHeight, out int outWidth) =>
        Pool(input, batch, channels, height, width, kernel, stride, out outHeight, out outWidth, window => window.Max());

    /// <summary>AveragePool without padding, windows that do not fit dropped (ceil_mode 0).</summary>
    public static float[] AveragePool(
        float[] input, int batch, int channels, int height, int width, int kernel, int stride,
        out int outHeight, out int outWidth) =>
        Pool(input, batch, channels, height, width, kernel, stride, out outHeight, out outWidth,
            window => (float)window.Average(v => (double)v));

    /// <summary>[batch, channels, height, width] → [batch, channels]: each channel's mean.</summary>
    public static float[] GlobalAveragePool(float[] input, int batch, int channels, int height, int width)
    {
        var result = new float[batch * channels];
        var plane = height * width;
        for (var i = 0; i < batch * channels; i++)
        {
            double sum = 0;
            for (var p = 0; p < plane; p++)
            {
                sum += input[i * plane + p];
            }

            result[i] = (float)(sum / plane);
        }
        return result;
    }

    private static float[] Pool(
        float[] input, int batch, int channels, int height, int width, int kernel, int stride,
        out int outHeight, out int outWidth, Func<List<float>, float> reduce)
    {
        outHeight = (height - kernel) / stride + 1;
        outWidth = (width - kernel) / stride + 1;
        var result = new float[batch * channels * outHeight * outWidth];
        var window = new List<float>(kernel * kernel);
        for (var plane = 0; plane < batch * channels; plane++)
        {
            for (var y = 0; y < outHeight; y++)
            {
                for (var x = 0; x < outWidth; x++)
                {
                    window.Clear();
                    for (var ky = 0; ky < kernel; ky++)
                    {
                        for (var kx = 0; kx < kernel; kx++)
                        {
                            window.Add(input[(plane * height + y * stride + ky) * width + x * stride + kx]);
                        }
                    }

                    result[(plane * outHeight + y) * outWidth + x] = reduce(window);
                }
            }
        }

        return result;
    }
}
