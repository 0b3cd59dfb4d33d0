using Ratio1.Orleans.Contracts.Serving;
using Ratio1.Orleans.Serving.Processing;

namespace Ratio1.Orleans.Tests.Serving.Processing;

/// <summary>A detector's output becomes labelled, suppressed detections on the image that was sent.</summary>
public sealed class DetectionOutputTests
{
    [Fact]
    public void A_detector_output_becomes_labelled_detections_on_the_sent_image_strongest_first()
    {
        float[] rows =
        [
            20, 20, 10, 10, 0.9f, 0.9f, 0.1f, // person, 0.81
            21, 21, 10, 10, 0.8f, 0.9f, 0.1f, // person, 0.72: overlaps the first, suppressed
            60, 60, 10, 10, 0.5f, 0.2f, 0.8f, // dog, 0.4
            80, 80, 10, 10, 0.1f, 0.2f, 0.9f, // below the threshold
        ];

        var detections = DetectionOutput.Read(rows, 7, new ImageResize(200, 100, 100, 100), PostprocessSettings.Default, ["person"]);

        // ImmutableArray compares by reference, so the detections are compared as a sequence.
        Assert.Equal<Detection>(
            [
                new Detection(0, "person", 0.9f * 0.9f, 30, 15, 50, 25),
                new Detection(1, "1", 0.5f * 0.8f, 110, 55, 130, 65),
            ],
            detections);
    }

    [Fact]
    public void An_output_with_nothing_above_the_threshold_has_no_detections()
    {
        Assert.Empty(DetectionOutput.Read([10, 10, 4, 4, 0.1f, 0.1f], 6, ImageResize.None(20, 20), PostprocessSettings.Default, default));
    }
}
