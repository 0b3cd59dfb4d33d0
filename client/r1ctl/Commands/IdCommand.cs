using System.CommandLine;
using Ratio1.Orleans.Cli.Failures;
using Ratio1.Orleans.Contracts.Security;

namespace Ratio1.Orleans.Cli.Commands;

/// <summary>
/// <c>r1ctl id new|show|export-public</c>: the caller's Ratio1 identity (a secp256k1 key pair; its address
/// <c>0xai_...</c> is what an admin puts on a node's allow-list). The private key never leaves its file.
/// </summary>
internal static class IdCommand
{
    public static Command Create(CommandRunner runner) => new("id", $"Manage your identity: the key r1ctl signs with (default {IdentitySource.DefaultPathText}; see --identity).")
    {
        New(runner),
        Show(runner),
        ExportPublic(runner),
    };

    private static Command New(CommandRunner runner)
    {
        var force = new Option<bool>("--force") { Description = "Replace an existing identity (its key is lost: nodes that allow its address no longer allow you)." };
        var command = new Command("new", "Create a new identity: a secp256k1 key in a file readable only by you (0600, folder 0700).") { force };
        runner.SetAction(command, context =>
        {
            var source = IdentitySource.Locate(context.ParseResult, runner.Globals);
            if (source.File is not { } file)
            {
                throw new UsageException($"the identity comes from ${IdentitySource.PemVariable}, which 'id new' cannot write.", null);
            }

            if (File.Exists(file) && !context.Value(force))
            {
                throw new FailureException(Failure.Usage(
                    $"an identity already exists at {file}; not replaced",
                    "Pass --force to replace it (its key is lost), or --identity <file> to create another."));
            }

            using var identity = Ratio1Identity.Create();
            try
            {
                identity.Save(file, overwrite: context.Value(force));
            }
            catch (Ratio1IdentityException e)
            {
                throw new UsageException(e.Message, e);
            }

            Write(context, identity, file, created: true);
            return Task.CompletedTask;
        });
        return command;
    }

    private static Command Show(CommandRunner runner)
    {
        var command = new Command("show", "Show your identity: its address, short form and where it is stored.");
        runner.SetAction(command, context =>
        {
            var source = IdentitySource.Locate(context.ParseResult, runner.Globals);
            using var identity = source.Load();
            Write(context, identity, source.Description, created: false);
            return Task.CompletedTask;
        });
        return command;
    }

    private static Command ExportPublic(CommandRunner runner)
    {
        var pem = new Option<bool>("--pem") { Description = "Print the public key as PEM (PUBLIC KEY) instead of the address." };
        var command = new Command("export-public", "Print your public identity, the address to give an admin for the allow-list (never the private key).") { pem };
        runner.SetAction(command, context =>
        {
            using var identity = IdentitySource.Locate(context.ParseResult, runner.Globals).Load();
            if (context.Output.Json)
            {
                context.Output.WriteJson(new { address = identity.Address, publicKeyPem = context.Value(pem) ? identity.ExportPublicPem() : null });
            }
            else
            {
                context.Output.Line(context.Value(pem) ? identity.ExportPublicPem().TrimEnd() : identity.Address);
            }

            return Task.CompletedTask;
        });
        return command;
    }

    private static void Write(CommandContext context, Ratio1Identity identity, string source, bool created)
    {
        if (context.Output.Json)
        {
            context.Output.WriteJson(new { address = identity.Address, @short = identity.ShortAddress, source, created });
            return;
        }

        if (created)
        {
            context.Output.Line($"created identity {source} (mode 0600)");
        }

        context.Output.WriteFields(("address", identity.Address), ("short", identity.ShortAddress), ("stored", source));
    }
}
