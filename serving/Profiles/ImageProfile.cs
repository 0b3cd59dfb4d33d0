using System.Collections.Immutable;
using Ratio1.Orleans.Contracts.Errors;
using Ratio1.Orleans.Contracts.Serving;
using Ratio1.Orleans.Serving.Processing;

namespace Ratio1.Orleans.Serving.Profiles;

/// <summary>
/// Profiles that take an RGB image: the model's single input must be <c>[batch, 3, height, width]</c>, with height and
/// width fixed by the model or given in <see cref="ImageSettings"/>. Each image is resized and normalised into it.
/// </summary>
public abstract class ImageProfile : InferenceProfile
{
    private readonly ImagePreprocessor _preprocessor;

    protected ImageProfile(ModelDeclaration declaration, ImmutableArray<TensorInfo> inputs, ImmutableArray<TensorInfo> outputs)
        : base(declaration, inputs, outputs)
    {
        if (inputs.Length != 1 || inputs[0].Shape is not [_, 3, var height, var width])
        {
            throw ProfileMismatch("needs one input shaped [batch, 3, height, width]");
        }

        var image = declaration.EffectiveImage;
        var h = height > 0 ? height : image.Height ?? throw new InvalidConfigException("Image.Height", null, $"the model leaves its input height free ({inputs[0]}): give the size to resize images to");
        var w = width > 0 ? width : image.Width ?? throw new InvalidConfigException("Image.Width", null, $"the model leaves its input width free ({inputs[0]}): give the size to resize images to");
        _preprocessor = new ImagePreprocessor(image, (int)w, (int)h);
        InputName = inputs[0].Name;
        Labels = declaration.EffectiveLabels;
    }

    protected string InputName { get; }

    protected ImmutableArray<string> Labels { get; }

    public override PreparedInput Prepare(InferenceInput input)
    {
        var image = input.Image ?? throw new InvalidConfigException("Image", null, $"model '{Declaration.Name}' ({Declaration.Profile}) takes an image, and the input has none");
        var values = new float[_preprocessor.TensorLength];
        var resize = _preprocessor.Write(image, values);
        return new PreparedInput([new TensorData(InputName, [1, 3, _preprocessor.Height, _preprocessor.Width], values)], resize);
    }
}
