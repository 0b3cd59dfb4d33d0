using Ratio1.Orleans.Contracts.Config;
using Ratio1.Orleans.Contracts.Errors;
using Ratio1.Orleans.Contracts.Serving;
using Ratio1.Orleans.Serving.Processing;

namespace Ratio1.Orleans.Tests.Serving.Processing;

/// <summary>A call's INFERENCE_AI_ENGINE_PARAMS override the model's post-processing defaults.</summary>
public sealed class PostprocessParametersTests
{
    private static readonly PostprocessSettings Model = new(Softmax: false, TopK: 3, ScoreThreshold: 0.4f, IouThreshold: 0.5f, MaxDetections: 50);

    [Fact]
    public void Without_parameters_the_model_settings_apply()
    {
        Assert.Same(Model, PostprocessParameters.Resolve(Model, null));
        Assert.Same(Model, PostprocessParameters.Resolve(Model, ConfigMap.Empty));
    }

    [Fact]
    public void Each_parameter_overrides_its_model_setting()
    {
        var parameters = ConfigMap.Parse("""{"TOP_K": 10, "SCORE_THRESHOLD": 0.6, "IOU_THRESHOLD": 0.3, "MAX_DETECTIONS": 7}""");

        var settings = PostprocessParameters.Resolve(Model, parameters);

        Assert.Equal(new PostprocessSettings(Softmax: false, TopK: 10, ScoreThreshold: 0.6f, IouThreshold: 0.3f, MaxDetections: 7), settings);
    }

    [Fact]
    public void Parameters_not_given_keep_the_model_settings()
    {
        var settings = PostprocessParameters.Resolve(Model, ConfigMap.Parse("""{"SCORE_THRESHOLD": 0.1}"""));

        Assert.Equal(Model with { ScoreThreshold = 0.1f }, settings);
    }

    [Fact]
    public void Unknown_parameters_are_left_for_other_stages()
    {
        var settings = PostprocessParameters.Resolve(Model, ConfigMap.Parse("""{"RESIZE_MODE": "letterbox", "OTHER": -1}"""));

        Assert.Same(Model, settings);
    }

    [Fact]
    public void A_parameter_set_to_null_keeps_the_model_setting()
    {
        Assert.Same(Model, PostprocessParameters.Resolve(Model, ConfigMap.Parse("""{"TOP_K": null}""")));
    }

    [Fact]
    public void A_whole_number_written_with_a_fraction_is_accepted_as_a_count()
    {
        Assert.Equal(4, PostprocessParameters.Resolve(Model, ConfigMap.Parse("""{"TOP_K": 4.0}""")).TopK);
    }

    [Fact]
    public void The_thresholds_accept_their_bounds()
    {
        var settings = PostprocessParameters.Resolve(Model, ConfigMap.Parse("""{"SCORE_THRESHOLD": 0, "IOU_THRESHOLD": 1}"""));

        Assert.Equal((0f, 1f), (settings.ScoreThreshold, settings.IouThreshold));
    }

    [Theory]
    [InlineData("TOP_K", "0")]
    [InlineData("TOP_K", "2.5")]
    [InlineData("TOP_K", "\"5\"")]
    [InlineData("TOP_K", "3000000000")]
    [InlineData("MAX_DETECTIONS", "-1")]
    [InlineData("MAX_DETECTIONS", "true")]
    [InlineData("SCORE_THRESHOLD", "1.5")]
    [InlineData("SCORE_THRESHOLD", "-0.1")]
    [InlineData("IOU_THRESHOLD", "\"0.5\"")]
    [InlineData("IOU_THRESHOLD", "[0.5]")]
    public void A_bad_value_is_rejected_naming_the_field_and_the_value(string key, string json)
    {
        var parameters = ConfigMap.Parse($$"""{"{{key}}": {{json}}}""");

        var error = Assert.Throws<InvalidConfigException>(() => PostprocessParameters.Resolve(Model, parameters));

        Assert.Equal($"INFERENCE_AI_ENGINE_PARAMS.{key}", error.Field);
        Assert.Equal(json, error.Value);
    }

    [Fact]
    public void Every_bad_value_is_named_at_once()
    {
        var parameters = ConfigMap.Parse("""{"TOP_K": 0, "SCORE_THRESHOLD": 0.5, "IOU_THRESHOLD": 2, "MAX_DETECTIONS": 0}""");

        var error = Assert.Throws<InvalidConfigException>(() => PostprocessParameters.Resolve(Model, parameters));

        Assert.Equal(
            ["INFERENCE_AI_ENGINE_PARAMS.TOP_K", "INFERENCE_AI_ENGINE_PARAMS.IOU_THRESHOLD", "INFERENCE_AI_ENGINE_PARAMS.MAX_DETECTIONS"],
            error.Errors.Select(e => e.Field));
    }
}
