using System.Net;
using System.Security.Cryptography;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Orleans.Configuration;
using Ratio1.Orleans.Contracts.Security;

namespace Ratio1.Orleans.Tests.Security;

/// <summary>
/// A plain Orleans client whose signing the test scripts, as an attacker holding captured requests would: sign
/// normally, re-send a captured credential, date a request in the past, or claim another signer.
/// </summary>
public sealed class ScriptedSigningClient : IAsyncDisposable
{
    private readonly IHost _host;

    private ScriptedSigningClient(IHost host, Signing signing)
    {
        _host = host;
        Scripted = signing;
    }

    public IClusterClient Client => _host.Services.GetRequiredService<IClusterClient>();

    public Signing Scripted { get; }

    public static async Task<ScriptedSigningClient> ConnectAsync(int gatewayPort, Ratio1Identity identity)
    {
        var signing = new Signing(identity);
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.UseOrleansClient(client =>
        {
            client.UseStaticClustering(new IPEndPoint(IPAddress.Loopback, gatewayPort));
            client.Configure<ClusterOptions>(o =>
            {
                o.ClusterId = "ratio1";
                o.ServiceId = "ratio1";
            });
            client.AddOutgoingGrainCallFilter(signing);
        });
        var host = builder.Build();
        await host.StartAsync();
        return new ScriptedSigningClient(host, signing);
    }

    public async ValueTask DisposeAsync()
    {
        await _host.StopAsync();
        _host.Dispose();
    }

    /// <summary>Signs each call unless told otherwise; remembers the last credential it attached.</summary>
    public sealed class Signing(Ratio1Identity identity) : IOutgoingGrainCallFilter
    {
        private readonly SignedCall _calls = new();

        /// <summary>Attach this credential instead of signing (a replay, or a request changed after signing).</summary>
        public RequestCredential? Reuse { get; set; }

        /// <summary>Sign as of this long ago.</summary>
        public TimeSpan Backdate { get; set; }

        /// <summary>Change the credential after signing (e.g. claim another sender).</summary>
        public Func<RequestCredential, RequestCredential>? Alter { get; set; }

        public RequestCredential? Last { get; private set; }

        public async Task Invoke(IOutgoingGrainCallContext context)
        {
            var credential = Reuse ?? _calls.Sign(identity, context.InterfaceMethod, context.TargetId, context.Request,
                (DateTimeOffset.UtcNow - Backdate).ToUnixTimeMilliseconds(), Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16)));
            credential = Alter?.Invoke(credential) ?? credential;
            if (context.InterfaceMethod.DeclaringType?.Namespace?.StartsWith("Ratio1.", StringComparison.Ordinal) == true)
            {
                Last = credential;
            }

            RequestContext.Set(RequestCredential.ContextKey, credential);
            await context.Invoke();
        }
    }
}
