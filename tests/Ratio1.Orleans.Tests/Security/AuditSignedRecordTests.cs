using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Ratio1.Orleans.Client;
using Ratio1.Orleans.Contracts;
using Ratio1.Orleans.Contracts.Pipelines;
using Ratio1.Orleans.Contracts.Security;
using Ratio1.Orleans.Grains.Persistence;
using Ratio1.Orleans.Grains.Pipelines;
using Ratio1.Orleans.Grains.Pipelines.History;
using Ratio1.Orleans.Testing;
using Ratio1.Orleans.Tests.Cli;

namespace Ratio1.Orleans.Tests.Security;

/// <summary>
/// Signed versions, built directly with a Ratio1 identity as the silo records them after verifying a request: they
/// verify by their signature, and an attacker who can write the database and recompute every hash still cannot
/// change who signed, what was signed, or the config bound to it.
/// </summary>
public sealed class AuditSignedRecordTests(AuditSignedRecordTests.SignedHistories histories) : IClassFixture<AuditSignedRecordTests.SignedHistories>
{
    [Fact]
    public async Task A_signed_version_verifies_by_its_signature_and_names_its_signer()
    {
        var verification = await histories.VerifyAsync(SignedHistories.Intact);
        var history = await histories.Session.GetPipelineHistoryAsync(histories.NodeId, SignedHistories.Intact);

        Assert.True(verification.Intact, verification.Reason);
        Assert.Equal((2, 1), (verification.VersionsChecked, verification.SignedVersions));
        Assert.Equal((histories.Signer, true), (history[0].ChangedBy, history[0].Verified));
        Assert.False(history[1].Verified);
    }

    [Fact]
    public async Task A_signed_request_edited_in_storage_no_longer_verifies()
    {
        var verification = await histories.VerifyAsync(SignedHistories.EditedRequest);

        Assert.False(verification.Intact);
        Assert.Equal(2, verification.FirstBrokenVersion);
        Assert.Contains("signed request does not verify", verification.Reason);
    }

    [Fact]
    public async Task A_signed_version_passed_off_as_another_signers_with_every_hash_recomputed_is_caught()
    {
        var verification = await histories.VerifyAsync(SignedHistories.OtherSigner);

        Assert.False(verification.Intact);
        Assert.Equal(2, verification.FirstBrokenVersion);
        Assert.Contains("not by the recorded signer", verification.Reason);
    }

    [Fact]
    public async Task A_config_changed_under_a_signed_replace_with_every_hash_recomputed_is_caught()
    {
        var verification = await histories.VerifyAsync(SignedHistories.OtherConfig);

        Assert.False(verification.Intact);
        Assert.Equal(2, verification.FirstBrokenVersion);
        Assert.Contains("not the config of its signed request", verification.Reason);
    }

    /// <summary>
    /// One silo with four pipelines at version 2, whose version 2 was rewritten in storage (silo stopped) as a
    /// version signed by <see cref="Signer"/>: intact, or forged in one way each.
    /// </summary>
    public sealed class SignedHistories : IAsyncLifetime
    {
        public const string Intact = "signed";
        public const string EditedRequest = "signed-edited";
        public const string OtherSigner = "signed-other-signer";
        public const string OtherConfig = "signed-other-config";

        private readonly Ratio1Identity _identity = Ratio1Identity.Create();
        private readonly Ratio1Identity _intruder = Ratio1Identity.Create();
        private TestSilo _silo = null!;

        public Ratio1Session Session { get; private set; } = null!;

        public string NodeId => _silo.NodeId;

        public string Signer => _identity.Address;

        public Task<HistoryVerification> VerifyAsync(string name) => AuditScenario.VerifyAsync(Session, NodeId, name);

        public async Task InitializeAsync()
        {
            _silo = await TestSilo.StartAsync("edge-audit-signed");
            var destinations = new Dictionary<string, string>();
            await using (var session = await _silo.ConnectAsync())
            {
                foreach (var name in new[] { Intact, EditedRequest, OtherSigner, OtherConfig })
                {
                    // 1.50: the signing canon writes it 1.5, the stored config keeps it as written.
                    await session.DeployPipelineJsonAsync(NodeId, PipelineDocuments.Sensor(name, threshold: "1.50"));
                    await session.UpdatePipelineAsync(NodeId, name, new Dictionary<string, object?> { ["CAP_RESOLUTION"] = 2 });
                    destinations[name] = _silo.Services.GetRequiredService<IGrainFactory>().GetGrain<IPipelineGrain>(GrainKeys.Pipeline(NodeId, name)).GetGrainId().ToString();
                }
            }

            await _silo.StopAsync();
            foreach (var (name, destination) in destinations)
            {
                await SignVersionTwoAsync(name, destination);
            }

            await _silo.RestartAsync();
            Session = await _silo.ConnectAsync();
        }

        public async Task DisposeAsync()
        {
            await Session.DisposeAsync();
            await _silo.DisposeAsync();
            _identity.Dispose();
            _intruder.Dispose();
        }

        // What the silo records for a verified replace-config: the signer, the signed document, its hash and signature.
        private async Task SignVersionTwoAsync(string name, string destination)
        {
            var stored = new AuditStoredHistory(_silo.DataDirectory, NodeId, name);
            var key = GrainKeys.Pipeline(NodeId, name);
            var v1 = Parse(await stored.ReadAsync(1));
            var v2 = Parse(await stored.ReadAsync(2));
            var document = new JsonObject
            {
                ["ACTION"] = "r1.IPipelineGrain/replace-config",
                ["EE_DEST"] = destination,
                ["NONCE"] = Guid.NewGuid().ToString("N"),
                ["PAYLOAD"] = new JsonObject { ["document"] = JsonNode.Parse(v2.Config.ToJson()), ["request"] = new JsonObject { ["initiatorId"] = "fixture" } },
                ["TIME"] = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds(),
            };
            _identity.Sign(document);
            var text = Encoding.UTF8.GetString(CanonicalJson.ToUtf8(document, SignCanon.V2));
            var signed = v2 with
            {
                ChangedBy = _identity.Address,
                Verified = true,
                RequestHash = document["EE_HASH"]!.GetValue<string>(),
                Signature = document["EE_SIGN"]!.GetValue<string>(),
                Request = text,
            };

            signed = name switch
            {
                // The document's config edited after signing.
                EditedRequest => signed with { Request = text.Replace("\"CAP_RESOLUTION\":2", "\"CAP_RESOLUTION\":5", StringComparison.Ordinal) },
                // The intruder's address as the recorded signer.
                OtherSigner => signed with { ChangedBy = _intruder.Address },
                // Another config kept under the signed request.
                OtherConfig => signed with { Config = v1.Config },
                _ => signed,
            };

            // Every hash recomputed, as an attacker who knows the scheme would.
            await stored.ReplaceCurrentAsync(JsonSerializer.Serialize(HistoryHashes.Seal(key, signed, v1), GrainStateJsonContext.Default.PipelineRevisionRecord));
        }

        private static PipelineRevisionRecord Parse(string json) =>
            JsonSerializer.Deserialize(json, GrainStateJsonContext.Default.PipelineRevisionRecord)!;
    }
}
