using System.Security.Cryptography;
using Ratio1.Orleans.Contracts.Security;

namespace Ratio1.Orleans.Client.Connection;

/// <summary>
/// Signs every call this client makes with its identity (Ratio1's scheme over the call's canonical document, see
/// <see cref="SignedCall"/>), with the time and a fresh nonce, so the silo can verify who asks, that nothing changed
/// on the way and that it is not a replay.
/// </summary>
internal sealed class RequestSigningFilter(Ratio1Identity identity, TimeProvider time) : IOutgoingGrainCallFilter
{
    private readonly SignedCall _calls = new();

    public Task Invoke(IOutgoingGrainCallContext context)
    {
        var nonce = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
        var credential = _calls.Sign(identity, context.InterfaceMethod, context.TargetId, context.Request, time.GetUtcNow().ToUnixTimeMilliseconds(), nonce);
        // Set within this call only: the request context is copied into the message as the call is sent.
        RequestContext.Set(RequestCredential.ContextKey, credential);
        return InvokeAsync(context);
    }

    private static async Task InvokeAsync(IOutgoingGrainCallContext context)
    {
        try
        {
            await context.Invoke();
        }
        finally
        {
            RequestContext.Remove(RequestCredential.ContextKey);
        }
    }
}
