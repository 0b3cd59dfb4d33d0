using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using System.Reflection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Ratio1.Orleans.Contracts;
using Ratio1.Orleans.Contracts.Errors;
using Ratio1.Orleans.Contracts.Security;

namespace Ratio1.Orleans.Grains.Security;

/// <summary>
/// Checks every call a client makes before the grain method runs: the signature of the call (rebuilt from what was
/// received), its freshness (time within the replay window, nonce never used), then the role the signer holds on the
/// target's node. A refused call runs nothing and fails with a typed error (<see cref="UnauthorizedException"/>,
/// <see cref="SignatureInvalidException"/>, <see cref="RequestExpiredException"/>), counted and logged with the caller's
/// short address. A verified call runs with a <see cref="VerifiedRequest"/> in its request context.
/// </summary>
/// <remarks>
/// Calls from grains and from the silos' own services are the cluster's own and pass. Orleans takes a client's word
/// for its sender id, so on networks that are not trusted, require client certificates (mutual TLS) as well: see
/// docs/security.md.
/// </remarks>
public sealed partial class RequestAuthorizationFilter : IIncomingGrainCallFilter
{
    private readonly SecurityOptions _options;
    private readonly ConfiguredAdmins _admins;
    private readonly NonceLedger _nonces;
    private readonly SignedCall _calls = new();
    private readonly TimeProvider _time;
    private readonly IGrainFactory _grains;
    private readonly ILogger _logger;
    private readonly ConcurrentDictionary<MethodInfo, CallRule> _rules = new();
    private readonly Counter<long> _refused;
    private readonly Counter<long> _verified;

    public RequestAuthorizationFilter(
        IOptions<SecurityOptions> options, ConfiguredAdmins admins, NonceLedger nonces, TimeProvider time, IGrainFactory grains,
        ILogger<RequestAuthorizationFilter> logger, IMeterFactory? meters = null)
    {
        _options = options.Value;
        _admins = admins;
        _nonces = nonces;
        _time = time;
        _grains = grains;
        _logger = logger;
        var meter = meters?.Create("Ratio1.Orleans") ?? new Meter("Ratio1.Orleans");
        _refused = meter.CreateCounter<long>("ratio1.security.requests.refused", "{request}", "Client requests refused, by reason (unauthorized, signature_invalid, request_expired).");
        _verified = meter.CreateCounter<long>("ratio1.security.requests.verified", "{request}", "Signed client requests verified and allowed.");
    }

    public async Task Invoke(IIncomingGrainCallContext context)
    {
        if (!IsFromClient(context.SourceId))
        {
            await context.Invoke();
            return;
        }

        // Only this filter may say a request was verified.
        RequestContext.Remove(VerifiedRequest.ContextKey);
        var method = context.InterfaceMethod;
        var rule = _rules.GetOrAdd(method, m => CallRule.For(m, _calls.ActionOf(m)));
        if (rule.Kind == CallKind.Runtime)
        {
            await context.Invoke();
            return;
        }

        var credential = RequestContext.Get(RequestCredential.ContextKey) as RequestCredential;
        RequestContext.Remove(RequestCredential.ContextKey);
        if (credential is null && !_options.Enabled)
        {
            await context.Invoke();
            return;
        }

        var scope = CallScope.Of(method.DeclaringType!, context.TargetId);
        var verified = await AuthorizeAsync(context, rule, scope, credential);
        RequestContext.Set(VerifiedRequest.ContextKey, verified);
        await context.Invoke();
    }

    private async Task<VerifiedRequest> AuthorizeAsync(IIncomingGrainCallContext context, CallRule rule, string scope, RequestCredential? credential)
    {
        if (credential is null)
        {
            throw Refuse(new UnauthorizedException(rule.Action, null, scope, Describe(rule.Role), "none",
                "security is on and the request is not signed: give the client an identity (r1ctl id new; Ratio1SessionOptions.Identity)"));
        }

        // One spelling per key (an address may come with or without its prefix): the nonce ledger and the allow-lists
        // must not see one signer as two.
        if (!Ratio1Address.TryParse(credential.Sender, out var key))
        {
            throw Refuse(new SignatureInvalidException(rule.Action, credential.Sender, "EE_SENDER is not a valid address"));
        }

        var sender = Ratio1Address.FromPublicKey(key);

        // The role is looked up while the signature is checked: a grain call and a signature check overlap.
        var role = _options.Enabled ? RoleOfAsync(scope, sender, context) : Task.FromResult(AccessRole.None);
        var state = rule.Role >= AccessRole.Operator;
        if (_calls.Verify(credential, context.InterfaceMethod, context.TargetId, context.Request, keepDocument: state, out var document) is { } invalid)
        {
            throw Refuse(new SignatureInvalidException(rule.Action, credential.Sender, invalid));
        }

        var now = _time.GetUtcNow().ToUnixTimeMilliseconds();
        var windowMs = _options.ReplayWindowSeconds * 1000L;
        var age = now - credential.Time;
        if (age > windowMs || -age > windowMs)
        {
            throw Refuse(new RequestExpiredException(rule.Action, sender, age > 0
                ? $"signed {age / 1000.0:0.#} s ago, outside the replay window of {_options.ReplayWindowSeconds} s ({SecurityOptions.Section}:ReplayWindowSeconds)"
                : $"dated {-age / 1000.0:0.#} s in the future, beyond the allowed clock skew of {_options.ReplayWindowSeconds} s; check the caller's clock"));
        }

        if (!_nonces.TryUse(sender, credential.Nonce, credential.Time, out var full))
        {
            throw Refuse(new RequestExpiredException(rule.Action, sender, full
                ? "this silo remembers too many recent requests to check this one for a replay; retry shortly"
                : "its nonce was already used (a replayed request)"));
        }

        var held = await role;
        if (_options.Enabled)
        {
            if (rule.Kind == CallKind.Internal)
            {
                throw Refuse(new UnauthorizedException(rule.Action, sender, scope, "internal", Describe(held), "only the cluster itself calls this"));
            }

            if (rule.OnlyWhenSecurityOff)
            {
                throw Refuse(new UnauthorizedException(rule.Action, sender, scope, Describe(rule.Role), Describe(held),
                    "it hands out a direct reference to the node's runtime, which bypasses per-call checks, so it is not available while security is on"));
            }

            if (held < rule.Role)
            {
                throw Refuse(new UnauthorizedException(rule.Action, sender, scope, Describe(rule.Role), Describe(held)));
            }
        }

        _verified.Add(1);
        return new VerifiedRequest(sender, document ?? string.Empty, credential.Hash, credential.Signature, held);
    }

    private async Task<AccessRole> RoleOfAsync(string scope, string address, IIncomingGrainCallContext context)
    {
        if (_admins.Contains(address))
        {
            return AccessRole.Admin;
        }

        // The allow-list grain answers the allow-list's own reads from memory; asking it from inside its own call
        // would wait on itself, so a call to it reads its state through the grain instance.
        if (context.Grain is IAccessGrain self && context.TargetId.Key.ToString() == (scope == GrainKeys.FleetScope ? GrainKeys.FleetAccess : GrainKeys.Access(scope)))
        {
            return await self.ResolveAsync(address);
        }

        var list = scope == GrainKeys.FleetScope ? _grains.GetFleetAccess() : _grains.GetAccess(scope);
        return await list.ResolveAsync(address);
    }

    private Exception Refuse(Ratio1Exception error)
    {
        var (reason, caller) = error switch
        {
            UnauthorizedException u => ("unauthorized", u.Caller),
            SignatureInvalidException s => ("signature_invalid", s.Caller),
            RequestExpiredException r => ("request_expired", (string?)r.Caller),
            _ => ("other", null),
        };
        _refused.Add(1, new KeyValuePair<string, object?>("reason", reason));
        LogRefused(_logger, reason, caller is null ? "(unsigned)" : Ratio1Address.Short(caller), error.Message);
        return error;
    }

    // Orleans names clients' ids with the grain type "sys.client"; the silos' own hosted clients have keys "hosted-<silo>".
    private static bool IsFromClient(GrainId? source) =>
        source is { } id && id.Type.ToString() == "sys.client"
        && !(id.Key.ToString() ?? string.Empty).StartsWith("hosted-", StringComparison.Ordinal);

    private static string Describe(AccessRole role) => role.ToString().ToLowerInvariant();

    [LoggerMessage(Level = LogLevel.Warning, Message = "Refused a client request ({Reason}) from {Caller}: {Detail}")]
    private static partial void LogRefused(ILogger logger, string reason, string caller, string detail);
}
