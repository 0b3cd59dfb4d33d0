using System.Diagnostics;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using Ratio1.Orleans.Contracts.Security;
using Ratio1.Orleans.Tests.Security.Vectors;

namespace Ratio1.Orleans.Tests.Security;

/// <summary>Ratio1 identities: PEM keys as Ratio1 stores them, files created private, interop with Python.</summary>
public sealed class IdentityTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "r1-identity-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_folder))
        {
            Directory.Delete(_folder, recursive: true);
        }
    }

    [Fact]
    public void A_pem_written_by_python_cryptography_loads_with_its_address()
    {
        using var identity = Ratio1Identity.FromPem((string)SigningVectors.Signed["pem"]!);

        Assert.Equal((string)SigningVectors.Signed["address"]!, identity.Address);
    }

    [Fact]
    public void An_exported_pem_loads_back_as_the_same_identity()
    {
        using var identity = Ratio1Identity.Create();

        var pem = identity.ExportPem();
        using var again = Ratio1Identity.FromPem(pem);

        Assert.StartsWith("-----BEGIN PRIVATE KEY-----", pem, StringComparison.Ordinal);
        Assert.Equal(identity.Address, again.Address);
    }

    [Fact]
    public void An_exported_pem_is_a_secp256k1_key_for_openssl_too()
    {
        using var identity = Ratio1Identity.Create();
        using var ecdsa = ECDsa.Create();

        ecdsa.ImportFromPem(identity.ExportPem());

        var point = ecdsa.ExportParameters(false).Q;
        Assert.Equal(identity.PublicKey[1..], point.X);
        Assert.Equal("1.3.132.0.10", ecdsa.ExportParameters(false).Curve.Oid.Value);
    }

    [Fact]
    public void A_sec1_ec_private_key_is_accepted()
    {
        using var identity = Ratio1Identity.Create();
        using var ecdsa = ECDsa.Create();
        ecdsa.ImportFromPem(identity.ExportPem());

        using var fromSec1 = Ratio1Identity.FromPem(ecdsa.ExportECPrivateKeyPem());

        Assert.Equal(identity.Address, fromSec1.Address);
    }

    [Fact]
    public void A_key_on_another_curve_is_refused_naming_the_curve()
    {
        using var p256 = ECDsa.Create(ECCurve.NamedCurves.nistP256);

        var error = Assert.Throws<FormatException>(() => Ratio1Identity.FromPem(p256.ExportPkcs8PrivateKeyPem()));

        Assert.Contains("P-256", error.Message, StringComparison.Ordinal);
        Assert.Contains("secp256k1", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Text_without_a_private_key_is_refused()
    {
        var error = Assert.Throws<FormatException>(() => Ratio1Identity.FromPem("hello"));

        Assert.Contains("no PEM private key", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_missing_file_is_named_in_the_error()
    {
        var path = Path.Combine(_folder, "missing.pem");

        var error = Assert.Throws<Ratio1IdentityException>(() => Ratio1Identity.Load(path));

        Assert.Contains(path, error.Message, StringComparison.Ordinal);
        Assert.Contains("does not exist", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_file_that_is_not_a_key_is_named_and_its_content_not_echoed()
    {
        Directory.CreateDirectory(_folder);
        var path = Path.Combine(_folder, "garbage.pem");
        File.WriteAllText(path, "-----BEGIN PRIVATE KEY-----\nc2VjcmV0LXNlY3JldA==\n-----END PRIVATE KEY-----\n");

        var error = Assert.Throws<Ratio1IdentityException>(() => Ratio1Identity.Load(path));

        Assert.Contains(path, error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("c2VjcmV0", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_first_use_creates_the_key_file_0600_in_a_0700_folder()
    {
        if (OperatingSystem.IsWindows())
        {
            return; // No Unix modes there.
        }

        var path = Path.Combine(_folder, "keys", "identity.pem");

        using var identity = Ratio1Identity.LoadOrCreate(path);

        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(path));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(Path.GetDirectoryName(path)!));
        Assert.Empty(Directory.GetFiles(Path.GetDirectoryName(path)!, "*.tmp"));
    }

    [Fact]
    public void Later_uses_load_the_same_identity()
    {
        var path = Path.Combine(_folder, "identity.pem");
        using var first = Ratio1Identity.LoadOrCreate(path);

        using var second = Ratio1Identity.LoadOrCreate(path);

        Assert.Equal(first.Address, second.Address);
    }

    [Fact]
    public async Task Processes_creating_the_identity_at_once_end_up_with_one_identity()
    {
        var path = Path.Combine(_folder, "raced", "identity.pem");

        var addresses = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(() =>
        {
            using var identity = Ratio1Identity.LoadOrCreate(path);
            return identity.Address;
        })));

        using var stored = Ratio1Identity.Load(path);
        Assert.All(addresses, a => Assert.Equal(stored.Address, a));
        Assert.Single(Directory.GetFiles(Path.GetDirectoryName(path)!));
    }

    [Fact]
    public void Saving_over_an_existing_file_without_overwrite_is_refused()
    {
        var path = Path.Combine(_folder, "identity.pem");
        using var first = Ratio1Identity.LoadOrCreate(path);
        using var other = Ratio1Identity.Create();

        var error = Assert.Throws<Ratio1IdentityException>(() => other.Save(path, overwrite: false));

        Assert.Contains("already exists", error.Message, StringComparison.Ordinal);
        using var kept = Ratio1Identity.Load(path);
        Assert.Equal(first.Address, kept.Address);
    }

    [Fact]
    public void A_disposed_identity_no_longer_signs()
    {
        var identity = Ratio1Identity.Create();

        identity.Dispose();

        Assert.Throws<ObjectDisposedException>(() => identity.SignDigest(new byte[32]));
        Assert.Throws<ObjectDisposedException>(() => identity.Sign(new JsonObject()));
    }

    [Fact]
    public void Python_verifies_messages_signed_here_and_reads_the_exported_pem()
    {
        if (!PythonCryptographyAvailable())
        {
            return; // Interop is proven where python3 with `cryptography` is installed (see make_vectors.py).
        }

        using var identity = Ratio1Identity.Create();
        var messages = new JsonArray();
        foreach (var canon in new[] { SignCanon.V2, SignCanon.V1 })
        {
            foreach (var vector in SigningVectors.Signed["messages"]!.AsArray())
            {
                var message = (JsonObject)vector!["message"]!.DeepClone();
                identity.Sign(message, canon);
                messages.Add(new JsonObject { ["message"] = message });
            }
        }

        Directory.CreateDirectory(_folder);
        var file = Path.Combine(_folder, "csharp-signed.json");
        File.WriteAllText(file, new JsonObject { ["pem"] = identity.ExportPem(), ["messages"] = messages }.ToJsonString());
        var output = RunPython(SigningVectors.Script, "--verify", file);

        var result = JsonNode.Parse(output)!;
        Assert.Equal(identity.Address, (string?)result["pem_address"]);
        var results = result["results"]!.AsArray();
        Assert.Equal(messages.Count, results.Count);
        Assert.All(results, r => Assert.True((bool)r!["valid"]!, r.ToJsonString()));
        Assert.Equal(messages.Count / 2, results.Count(r => (string?)r!["canon"] == "v2"));
    }

    private static bool PythonCryptographyAvailable()
    {
        try
        {
            RunPython("-c", "import cryptography");
            return true;
        }
        catch (Exception exception) when (exception is System.ComponentModel.Win32Exception or InvalidOperationException)
        {
            return false;
        }
    }

    private static string RunPython(params string[] arguments)
    {
        var start = new ProcessStartInfo("python3") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        return process.ExitCode == 0 ? output.Result : throw new InvalidOperationException($"python3 failed ({process.ExitCode}): {error}");
    }
}
