using System.CommandLine;
using System.Text.Json;
using Ratio1.Orleans.Cli.Failures;
using Ratio1.Orleans.Contracts.Security;

namespace Ratio1.Orleans.Cli.Commands;

/// <summary>
/// <c>r1ctl verify &lt;message.json&gt;</c>: checks a message signed the Ratio1 way (<c>EE_HASH</c>, <c>EE_SIGN</c>,
/// <c>EE_SENDER</c>, <c>SIGN_CANON_V</c>), e.g. one captured from a Ratio1 network; says which canon verified and who
/// signed, or why it does not verify. Needs no cluster.
/// </summary>
internal static class VerifyCommand
{
    /// <summary>Exit code of a message that does not verify: the signature-invalid code of signed requests.</summary>
    public const int SignatureInvalidExitCode = ExitCodes.SignatureInvalid;

    public static Command Create(CommandRunner runner)
    {
        var file = new Argument<string>("message") { Description = "File with one signed message (a JSON object), or - for stdin." };
        var command = new Command("verify", $"Check a Ratio1 signed message (EE_HASH, EE_SIGN, EE_SENDER; both float canons): prints the canon and the signer, or why it fails (exit {SignatureInvalidExitCode}).") { file };
        runner.SetAction(command, async context =>
        {
            var path = context.Value(file);
            var source = path == "-" ? "stdin" : $"'{path}'";
            var text = await ConfigSource.ReadTextAsync(path, context);
            JsonDocument document;
            try
            {
                document = JsonDocument.Parse(text);
            }
            catch (JsonException e)
            {
                throw new UsageException($"{source} is not JSON: {e.Message}", e);
            }

            using (document)
            {
                if (document.RootElement.ValueKind != JsonValueKind.Object)
                {
                    throw new UsageException($"{source} holds a JSON {document.RootElement.ValueKind.ToString().ToLowerInvariant()}, not one message object.");
                }

                var result = MessageSignature.Verify(document.RootElement);
                var versioned = document.RootElement.TryGetProperty(MessageFields.SignCanonVersion, out var version) && version.ValueKind == JsonValueKind.String;
                var hash = document.RootElement.TryGetProperty(MessageFields.Hash, out var eeHash) && eeHash.ValueKind == JsonValueKind.String ? eeHash.GetString() : null;
                if (!result.Valid)
                {
                    if (context.Output.Json)
                    {
                        context.Output.WriteJson(new { valid = false, canon = (string?)null, sender = result.Sender, failure = result.Failure });
                    }

                    throw new FailureException(new Failure(SignatureInvalidExitCode, "signature-invalid", $"{source} does not verify: {result.Failure}", []));
                }

                var canon = MessageFields.CanonText(result.Canon!.Value);
                if (context.Output.Json)
                {
                    context.Output.WriteJson(new { valid = true, canon, versioned, sender = result.Sender, @short = Ratio1Address.Short(result.Sender!), hash });
                    return;
                }

                context.Output.Line($"verified: signed by {result.Sender}");
                context.Output.WriteFields(
                    ("canon", versioned ? canon : $"{canon} (no SIGN_CANON_V: matched the {(result.Canon == SignCanon.V1 ? "legacy" : "current")} float rule)"),
                    ("sender", $"{result.Sender} ({Ratio1Address.Short(result.Sender!)})"),
                    ("hash", hash ?? "(no EE_HASH: the canonical bytes are signed)"));
            }
        });
        return command;
    }
}
