using System.CommandLine;
using Ratio1.Orleans.Cli.Failures;
using Ratio1.Orleans.Cli.Output;
using Ratio1.Orleans.Contracts.Security;

namespace Ratio1.Orleans.Cli.Commands.Access;

/// <summary><c>r1ctl access list|grant|revoke</c>: who may do what on a node, or fleet-wide.</summary>
internal static class AccessCommand
{
    public static Command Create(CommandRunner runner) => new("access", "Show and change who may do what on a node (or fleet-wide with --fleet): roles viewer, operator, admin.")
    {
        List(runner),
        Grant(runner),
        Revoke(runner),
    };

    private static Argument<string?> Node() => new("node")
    {
        Description = "The node (omit with --fleet).",
        Arity = ArgumentArity.ZeroOrOne,
    };

    private static Option<bool> Fleet() => new("--fleet") { Description = "The fleet-wide allow-list: the default of every node." };

    private static Command List(CommandRunner runner)
    {
        var node = Node();
        var fleet = Fleet();
        var changes = new Option<bool>("--changes") { Description = "Also list every change made to the allow-list (who, when, signed or not)." };
        var command = new Command("list", "List the identities allowed on a node (or fleet-wide) with their roles.") { node, fleet, changes };
        runner.SetAction(command, async context =>
        {
            var scope = Scope(context, node, fleet);
            var session = await context.ConnectAsync();
            var list = await session.GetAccessAsync(scope, context.CancellationToken);
            if (context.Output.Json)
            {
                context.Output.WriteJson(list);
                return;
            }

            if (list.Entries.IsEmpty)
            {
                context.Output.Line(scope is null
                    ? "no fleet-wide entries (the silos' configured admins are admins everywhere)"
                    : $"no entries on {scope}: fleet-wide roles apply there (r1ctl access list --fleet)");
            }
            else
            {
                var table = new Table("ADDRESS", "ROLE", "ALIAS", "GRANTED-BY", "GRANTED-AT");
                foreach (var entry in list.Entries)
                {
                    table.AddRow(entry.Address, Name(entry.Role), entry.Alias ?? "-", Ratio1Address.Short(entry.GrantedBy), Timestamps.Format(entry.GrantedAt));
                }

                context.Output.WriteTable(table);
            }

            if (context.Value(changes))
            {
                var table = new Table("SEQ", "ACTION", "ADDRESS", "ROLE", "BY", "SIGNED", "AT");
                foreach (var change in list.Changes)
                {
                    table.AddRow(change.Sequence.ToString(System.Globalization.CultureInfo.InvariantCulture), change.Action, Ratio1Address.Short(change.Address),
                        Name(change.Role), Ratio1Address.Short(change.ChangedBy), change.Verified ? "yes" : "no", Timestamps.Format(change.ChangedAt));
                }

                context.Output.WriteTable(table);
            }
        });
        return command;
    }

    private static Command Grant(CommandRunner runner)
    {
        var node = Node();
        var fleet = Fleet();
        var address = new Argument<string>("address") { Description = "The identity's address (0xai_...; `r1ctl id export-public` prints it)." };
        var role = new Option<string>("--role") { Description = "viewer, operator or admin.", Required = true };
        var alias = new Option<string?>("--alias") { Description = "A human name for the identity (shown in lists)." };
        var command = new Command("grant", "Give an identity a role on a node (or fleet-wide), replacing the one it had there. Needs admin.") { address, node, fleet, role, alias };
        runner.SetAction(command, async context =>
        {
            var scope = Scope(context, node, fleet);
            var parsed = ParseRole(context.Value(role));
            var session = await context.ConnectAsync();
            var list = await session.GrantAccessAsync(scope, context.Value(address), parsed, context.Value(alias), context.CancellationToken);
            if (context.Output.Json)
            {
                context.Output.WriteJson(list);
                return;
            }

            context.Output.Line($"{Ratio1Address.Short(context.Value(address))} is {Name(parsed)} on {scope ?? "the fleet"}");
        });
        return command;
    }

    private static Command Revoke(CommandRunner runner)
    {
        var node = Node();
        var fleet = Fleet();
        var address = new Argument<string>("address") { Description = "The identity's address." };
        var command = new Command("revoke", "Remove an identity from a node's (or the fleet-wide) allow-list. Needs admin.") { address, node, fleet };
        runner.SetAction(command, async context =>
        {
            var scope = Scope(context, node, fleet);
            var session = await context.ConnectAsync();
            var removed = await session.RevokeAccessAsync(scope, context.Value(address), context.CancellationToken);
            if (context.Output.Json)
            {
                context.Output.WriteJson(new { revoked = removed, address = context.Value(address), scope = scope ?? "*" });
                return;
            }

            context.Output.Line(removed
                ? $"{Ratio1Address.Short(context.Value(address))} removed from {scope ?? "the fleet"}"
                : $"{Ratio1Address.Short(context.Value(address))} was not on {scope ?? "the fleet"}'s allow-list");
        });
        return command;
    }

    private static string? Scope(CommandContext context, Argument<string?> node, Option<bool> fleet) =>
        (context.Value(node), context.Value(fleet)) switch
        {
            (null, true) => null,
            ({ } n, false) => n,
            (null, false) => throw new UsageException("name a node, or give --fleet for the fleet-wide allow-list."),
            _ => throw new UsageException("give a node or --fleet, not both."),
        };

    private static AccessRole ParseRole(string text) => text.Trim().ToLowerInvariant() switch
    {
        "viewer" => AccessRole.Viewer,
        "operator" => AccessRole.Operator,
        "admin" => AccessRole.Admin,
        _ => throw new UsageException($"--role must be viewer, operator or admin, not '{text}'."),
    };

    private static string Name(AccessRole role) => role.ToString().ToLowerInvariant();
}
