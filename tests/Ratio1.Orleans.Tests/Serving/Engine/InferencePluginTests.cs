using Ratio1.Orleans.Contracts.Messages;
using Ratio1.Orleans.Contracts.Serving;
using Ratio1.Orleans.Tests.Capture;
using Ratio1.Orleans.Tests.Infrastructure;

namespace Ratio1.Orleans.Tests.Serving.Engine;

/// <summary>
/// Plugin instances that name an <c>AI_ENGINE</c>: the runtime runs their inputs through the node's model before
/// each execution, and the inference plugins send what came out — on real captures, through real ONNX Runtime.
/// </summary>
[Collection(SiloCollection.Name)]
public sealed class InferencePluginTests(SiloFixture fixture, SampleModelFiles files) : IClassFixture<SampleModelFiles>, IDisposable
{
    private const string Node = SiloFixture.NodeId;
    private readonly TestMedia _media = new();

    [Fact]
    public async Task A_model_runner_on_an_on_demand_pipeline_answers_each_pushed_input_with_the_model_outputs()
    {
        var model = await AddAsync(files.LinearDeclaration(ModelName()));
        var name = SiloFixture.UniqueName();
        var pipeline = fixture.Session.CreatePipeline(Node, name, "OnDemandInput");
        pipeline.CreatePluginInstance("MODEL_RUNNER_01", "runner", new Dictionary<string, object?> { ["AI_ENGINE"] = model });
        await pipeline.DeployAsync();
        float[] x = [1.5f, -0.5f, 0.25f, 2f];

        var answer = await fixture.Session.RequestAsync(Node, name, new Dictionary<string, object?> { ["x"] = new[] { x } });

        var values = answer.Data["OUTPUTS"].Fields["probabilities"].Fields["VALUES"].Items[0].Items.Select(v => (float)v.AsDouble()).ToArray();
        var expected = files.LinearReference(x);
        Assert.All(Enumerable.Range(0, 3), i => Assert.True(Math.Abs(expected[i] - values[i]) < 1e-5));
        Assert.Equal((model, "CPU"), (answer.Data["MODEL"].AsString(), answer.Data["PROVIDER"].AsString()));
    }

    [Fact]
    public async Task An_object_detector_on_an_image_folder_sends_the_objects_of_each_image_with_a_witness()
    {
        var model = await AddAsync(files.DetectorDeclaration(ModelName()));
        await _media.ImageOfPixelsAsync("a-red.png", 64, 64, SampleModelFiles.Squares((3, 4, 255, 0, 0)).Rgb24);
        var name = SiloFixture.UniqueName();
        await using var traffic = await TrafficRecorder.StartAsync(fixture.Session, Node, name);
        var pipeline = fixture.Session.CreatePipeline(Node, name, "ImageFolder", new Dictionary<string, object?> { ["URL"] = _media.Folder, ["CAP_RESOLUTION"] = 10 });
        pipeline.CreatePluginInstance("OBJECT_DETECTOR_01", "det", new Dictionary<string, object?> { ["AI_ENGINE"] = model, ["ADD_WITNESS"] = true });
        await pipeline.DeployAsync();

        await traffic.WaitUntilAsync(t => t.Payloads.Any(), what: "a detection payload");

        var payload = traffic.Payloads[0].Data;
        var found = Assert.Single(payload["OBJECTS"].Items).Fields;
        Assert.Equal("red", found["TYPE"].AsString());
        Assert.Equal("[32,24,40,32]", found["TLBR"].ToJson());
        var witness = Convert.FromBase64String(payload["IMG"].AsString());
        Assert.Equal([0x89, (byte)'P', (byte)'N', (byte)'G'], witness[..4]);
    }

    [Fact]
    public async Task An_image_classifier_on_a_video_file_classifies_every_frame_and_the_heartbeat_reports_the_model()
    {
        var model = await AddAsync(files.ConvDeclaration(ModelName()) with { Postprocess = new PostprocessSettings(TopK: 2) });
        var clip = await _media.ClipAsync("clip.mp4", seconds: 1, width: 64, height: 48, rate: 10);
        var name = SiloFixture.UniqueName();
        await using var traffic = await TrafficRecorder.StartAsync(fixture.Session, Node, name);
        var heartbeats = new List<Heartbeat>();
        await using var watch = await fixture.Session.OnNodeHeartbeatAsync(Node, h =>
        {
            lock (heartbeats)
            {
                heartbeats.Add(h);
            }

            return Task.CompletedTask;
        });
        var pipeline = fixture.Session.CreatePipeline(Node, name, "VideoFile", new Dictionary<string, object?> { ["URL"] = clip, ["CAP_RESOLUTION"] = 10 });
        pipeline.CreatePluginInstance("IMAGE_CLASSIFIER_01", "cls", new Dictionary<string, object?> { ["AI_ENGINE"] = model, ["MAX_INPUTS_QUEUE_SIZE"] = 64 });
        await pipeline.DeployAsync();

        await traffic.WaitUntilAsync(t => t.Payloads.Count >= 10, what: "a classification of every frame");

        Assert.Equal(Enumerable.Range(0, 10).Select(i => (long)i), traffic.Payloads.Select(p => (long)p.Data["FRAME_INDEX"].AsDouble()).Order().Take(10));
        Assert.All(traffic.Payloads, p =>
        {
            Assert.Contains(p.Data["TYPE"].AsString(), new[] { "a", "b", "c", "d" });
            Assert.Equal(2, p.Data["TOP_K"].Items.Length);
        });
        await WaitAsync(() => { lock (heartbeats) { return heartbeats.Any(h => h.Models.Any(m => m.Name == model && m.Stats.Completed >= 10)); } }, "a heartbeat with the model's statistics");
    }

    [Fact]
    public async Task Two_instances_asking_one_model_about_the_same_input_share_one_request()
    {
        var model = await AddAsync(files.LinearDeclaration(ModelName()));
        var name = SiloFixture.UniqueName();
        await using var traffic = await TrafficRecorder.StartAsync(fixture.Session, Node, name);
        var pipeline = fixture.Session.CreatePipeline(Node, name, "OnDemandInput");
        pipeline.CreatePluginInstance("MODEL_RUNNER_01", "r1", new Dictionary<string, object?> { ["AI_ENGINE"] = model });
        pipeline.CreatePluginInstance("MODEL_RUNNER_01", "r2", new Dictionary<string, object?> { ["AI_ENGINE"] = model });
        await pipeline.DeployAsync();

        await fixture.Session.PushInputAsync(Node, name, new[] { new[] { 1f, 2f, 3f, 4f } });
        await traffic.WaitUntilAsync(t => t.Payloads.Count >= 2, what: "both instances' payloads");

        Assert.Equal(1, Assert.Single(await fixture.Session.GetModelsAsync(Node), m => m.Name == model).Stats.Requests);
        Assert.Equal(traffic.Payloads[0].Data["OUTPUTS"].ToJson(), traffic.Payloads[1].Data["OUTPUTS"].ToJson());
    }

    [Fact]
    public async Task Instances_of_several_pipelines_share_one_model_and_each_gets_the_results_of_its_own_inputs()
    {
        var model = await AddAsync(files.LinearDeclaration(ModelName()) with { Batching = new BatchingSettings(MaxBatchSize: 16, MaxQueueDelayMicroseconds: 3_000) });
        var pipelines = Enumerable.Range(0, 4).Select(_ => SiloFixture.UniqueName()).ToArray();
        foreach (var name in pipelines)
        {
            var pipeline = fixture.Session.CreatePipeline(Node, name, "OnDemandInput");
            pipeline.CreatePluginInstance("MODEL_RUNNER_01", "runner", new Dictionary<string, object?> { ["AI_ENGINE"] = model, ["MAX_INPUTS_QUEUE_SIZE"] = 32 });
            await pipeline.DeployAsync();
        }

        var requests = pipelines.SelectMany((name, p) => Enumerable.Range(0, 6).Select(i => (Name: name, X: new[] { p, i, p * i * 0.1f, -i })));
        var answers = await Task.WhenAll(requests.Select(async r =>
            (r.X, Answer: await fixture.Session.RequestAsync(Node, r.Name, new Dictionary<string, object?> { ["x"] = new[] { r.X } }))));

        Assert.All(answers, a =>
        {
            var values = a.Answer.Data["OUTPUTS"].Fields["probabilities"].Fields["VALUES"].Items[0].Items.Select(v => (float)v.AsDouble()).ToArray();
            var expected = files.LinearReference(a.X);
            Assert.All(Enumerable.Range(0, 3), i => Assert.True(Math.Abs(expected[i] - values[i]) < 1e-5, $"input [{string.Join(",", a.X)}]: class {i}"));
        });
        Assert.Contains(answers, a => a.Answer.Data["BATCH_SIZE"].AsDouble() > 1);
    }

    [Fact]
    public async Task An_instance_naming_a_model_the_node_lacks_reports_the_models_it_serves()
    {
        var served = await AddAsync(files.LinearDeclaration(ModelName()));
        var name = SiloFixture.UniqueName();
        await using var traffic = await TrafficRecorder.StartAsync(fixture.Session, Node, name);
        var pipeline = fixture.Session.CreatePipeline(Node, name, "OnDemandInput");
        pipeline.CreatePluginInstance("MODEL_RUNNER_01", "runner", new Dictionary<string, object?> { ["AI_ENGINE"] = "missing-model" });
        await pipeline.DeployAsync();

        await fixture.Session.PushInputAsync(Node, name, new[] { new[] { 1f, 2f, 3f, 4f } });
        await traffic.WaitUntilAsync(t => t.Notifications.Any(n => n.Type == NotificationType.Exception), what: "an exception notification");

        var exception = traffic.Notifications.First(n => n.Type == NotificationType.Exception);
        Assert.Contains("missing-model", exception.Message);
        Assert.Contains(served, exception.Message);
    }

    [Fact]
    public async Task An_instance_naming_a_model_the_node_lacks_is_reported_when_it_starts_before_any_input()
    {
        var name = SiloFixture.UniqueName();
        await using var traffic = await TrafficRecorder.StartAsync(fixture.Session, Node, name);
        var pipeline = fixture.Session.CreatePipeline(Node, name, "OnDemandInput");
        pipeline.CreatePluginInstance("MODEL_RUNNER_01", "runner", new Dictionary<string, object?> { ["AI_ENGINE"] = "not-added-yet" });
        await pipeline.DeployAsync();

        await traffic.WaitUntilAsync(t => t.Notifications.Any(n => n.Code == NotificationCode.ServingStartFailed), what: "SERVING_START_FAILED");

        var notice = traffic.Notifications.First(n => n.Code == NotificationCode.ServingStartFailed);
        Assert.Equal((NotificationType.AbnormalFunctioning, "runner"), (notice.Type, notice.Envelope.InstanceId));
        Assert.Contains("not-added-yet", notice.Message);
    }

    [Fact]
    public async Task A_model_added_to_the_node_is_announced_with_SERVING_START_OK_naming_where_it_runs()
    {
        var notices = new List<Notification>();
        await using var watch = await fixture.Session.OnNodeNotificationAsync(Node, n =>
        {
            lock (notices)
            {
                notices.Add(n);
            }

            return Task.CompletedTask;
        });
        var model = ModelName();

        await AddAsync(files.LinearDeclaration(model) with { Provider = ExecutionProvider.Cuda });

        await WaitAsync(() => { lock (notices) { return notices.Any(n => n.Code == NotificationCode.ServingStartOk && n.Message.Contains(model)); } }, "SERVING_START_OK");
        var notice = notices.First(n => n.Code == NotificationCode.ServingStartOk && n.Message.Contains(model));
        Assert.Contains("serving on Cpu", notice.Message);
        Assert.Contains("Cuda not used", notice.Message);
    }

    public void Dispose() => _media.Dispose();

    private static string ModelName() => "m-" + Guid.NewGuid().ToString("N")[..8];

    private async Task<string> AddAsync(ModelDeclaration declaration) => (await fixture.Session.AddModelAsync(Node, declaration)).Name;

    private static async Task WaitAsync(Func<bool> condition, string what)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, $"timed out waiting for {what}");
            await Task.Delay(100);
        }
    }
}
