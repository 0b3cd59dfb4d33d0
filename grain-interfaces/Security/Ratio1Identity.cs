using System.Runtime.InteropServices;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using Secp256k1Net;

namespace Ratio1.Orleans.Contracts.Security;

/// <summary>
/// A Ratio1 identity: a secp256k1 key pair whose address is <c>0xai_</c> + base64url of the compressed public key, as
/// a Ratio1 node's <c>e2.pem</c> or an SDK user's key; the same PEM file works in both. Signs digests and messages the
/// Ratio1 way (<c>EE_SIGN</c>, <c>EE_HASH</c>, <c>EE_SENDER</c>, <c>SIGN_CANON_V</c>). Holds the private key: dispose
/// it to zero the key in memory.
/// </summary>
public sealed partial class Ratio1Identity : IDisposable
{
    /// <summary>Environment variable naming an identity file (PKCS#8 or SEC1 PEM).</summary>
    public const string FileVariable = "R1_IDENTITY_FILE";

    /// <summary>Environment variable holding the identity's PEM text itself.</summary>
    public const string PemVariable = "R1_IDENTITY_PEM";

    private readonly byte[] _secret;
    private bool _disposed;

    private Ratio1Identity(byte[] secret)
    {
        if (secret.Length != 32 || !Secp256k1.IsValidSecretKey(secret))
        {
            CryptographicOperations.ZeroMemory(secret);
            throw new FormatException("the key is not a valid secp256k1 secret (zero or not below the curve order).");
        }

        _secret = secret;
        PublicKey = Secp256k1.CreatePublicKey(secret, compressed: true);
        Address = Ratio1Address.FromPublicKey(PublicKey);
    }

    /// <summary>The address, <c>0xai_...</c>.</summary>
    public string Address { get; }

    /// <summary>The 33-byte compressed public key.</summary>
    public byte[] PublicKey { get; }

    /// <summary>The short form of the address for logs and the CLI (<see cref="Ratio1Address.Short"/>).</summary>
    public string ShortAddress => Ratio1Address.Short(Address);

    /// <summary>A new random identity.</summary>
    public static Ratio1Identity Create() => new(Secp256k1.CreateSecretKey());

    /// <summary>Reads a PEM private key: PKCS#8 (<c>PRIVATE KEY</c>, Ratio1's <c>e2.pem</c>) or SEC1 (<c>EC PRIVATE KEY</c>).</summary>
    /// <exception cref="FormatException">Not an unencrypted secp256k1 private key (the message never contains key material).</exception>
    public static Ratio1Identity FromPem(string pem)
    {
        ArgumentNullException.ThrowIfNull(pem);
        return new Ratio1Identity(Ratio1KeyPem.ReadPrivateKey(pem));
    }

    /// <summary>Loads the identity in the PEM file at <paramref name="path"/>.</summary>
    /// <exception cref="Ratio1IdentityException">Missing, unreadable, or not a secp256k1 private key; the message names the path.</exception>
    public static Ratio1Identity Load(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        var full = Path.GetFullPath(path);
        string pem;
        try
        {
            pem = File.ReadAllText(full);
        }
        catch (Exception exception) when (exception is FileNotFoundException or DirectoryNotFoundException)
        {
            throw new Ratio1IdentityException(full, $"identity file '{full}' does not exist.", exception);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            throw new Ratio1IdentityException(full, $"identity file '{full}' cannot be read: {exception.Message}", exception);
        }

        try
        {
            return FromPem(pem);
        }
        catch (FormatException exception)
        {
            throw new Ratio1IdentityException(full, $"identity file '{full}' is not a usable Ratio1 identity: {exception.Message}", exception);
        }
    }

    /// <summary>
    /// Loads the identity at <paramref name="path"/>, or creates one there on first use: the folder (created 0700 when
    /// missing) gets the key file 0600, written to a temporary file and moved into place so no reader sees half a key
    /// and two processes starting at once end up with the same identity.
    /// </summary>
    /// <exception cref="Ratio1IdentityException">The file exists but is not usable, or cannot be created.</exception>
    public static Ratio1Identity LoadOrCreate(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        var full = Path.GetFullPath(path);
        if (File.Exists(full))
        {
            return Load(full);
        }

        var identity = Create();
        try
        {
            identity.Save(full, overwrite: false);
            return identity;
        }
        catch (Ratio1IdentityException exception) when (exception.InnerException is IOException && File.Exists(full))
        {
            // Another process created it first: use theirs.
            identity.Dispose();
            return Load(full);
        }
        catch
        {
            identity.Dispose();
            throw;
        }
    }

    /// <summary>
    /// The identity the environment names: <c>R1_IDENTITY_FILE</c> (a PEM file, which must exist) or
    /// <c>R1_IDENTITY_PEM</c> (the PEM text); null when neither is set.
    /// </summary>
    /// <exception cref="Ratio1IdentityException">Both are set, or the one set is not a usable identity.</exception>
    public static Ratio1Identity? FromEnvironment()
    {
        var file = Environment.GetEnvironmentVariable(FileVariable);
        var pem = Environment.GetEnvironmentVariable(PemVariable);
        if (!string.IsNullOrWhiteSpace(file) && !string.IsNullOrWhiteSpace(pem))
        {
            throw new Ratio1IdentityException(file, $"both {FileVariable} and {PemVariable} are set; set only one.");
        }

        if (!string.IsNullOrWhiteSpace(file))
        {
            return Load(file);
        }

        if (string.IsNullOrWhiteSpace(pem))
        {
            return null;
        }

        try
        {
            return FromPem(pem);
        }
        catch (FormatException exception)
        {
            throw new Ratio1IdentityException(PemVariable, $"{PemVariable} is not a usable Ratio1 identity: {exception.Message}", exception);
        }
    }

    /// <summary>The private key as PKCS#8 PEM (as Ratio1's <c>e2.pem</c>), readable by Python's <c>cryptography</c> and OpenSSL.</summary>
    public string ExportPem()
    {
        ThrowIfDisposed();
        return Ratio1KeyPem.WritePrivateKey(_secret, Secp256k1.DecompressPublicKey(PublicKey));
    }

    /// <summary>The public key as SubjectPublicKeyInfo PEM (<c>PUBLIC KEY</c>).</summary>
    public string ExportPublicPem() => Ratio1KeyPem.WritePublicKey(Secp256k1.DecompressPublicKey(PublicKey));

    /// <summary>
    /// Writes the key to <paramref name="path"/> as PKCS#8 PEM, mode 0600 (its folder created 0700 when missing),
    /// through a temporary file moved into place.
    /// </summary>
    /// <exception cref="Ratio1IdentityException">The file exists and <paramref name="overwrite"/> is false, or it cannot be written.</exception>
    public void Save(string path, bool overwrite)
    {
        ThrowIfDisposed();
        var full = Path.GetFullPath(path);
        var folder = Path.GetDirectoryName(full)!;
        var temporary = Path.Combine(folder, $".{Path.GetFileName(full)}.{Guid.NewGuid():N}.tmp");
        try
        {
            if (!Directory.Exists(folder))
            {
                if (OperatingSystem.IsWindows())
                {
                    Directory.CreateDirectory(folder);
                }
                else
                {
                    Directory.CreateDirectory(folder, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
                }
            }

            var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write, Share = FileShare.None };
            if (!OperatingSystem.IsWindows())
            {
                options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
            }

            using (var stream = new FileStream(temporary, options))
            using (var writer = new StreamWriter(stream))
            {
                writer.Write(ExportPem());
                writer.Flush();
                stream.Flush(flushToDisk: true);
            }

            if (overwrite || OperatingSystem.IsWindows())
            {
                // Windows refuses an existing destination atomically when overwrite is false.
                File.Move(temporary, full, overwrite);
            }
            else
            {
                // .NET's File.Move checks for the destination and then renames, so two processes creating the same
                // identity at once could both succeed, the second replacing the first's key after it was handed out.
                // link() refuses an existing name atomically: exactly one creator wins.
                PlaceExclusively(temporary, full);
            }
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            TryDelete(temporary);
            var reason = !overwrite && File.Exists(full) ? "it already exists" : exception.Message;
            throw new Ratio1IdentityException(full, $"cannot write identity file '{full}': {reason}", exception);
        }
    }

    private static void PlaceExclusively(string temporary, string full)
    {
        try
        {
            if (Link(temporary, full) != 0)
            {
                var error = Marshal.GetLastPInvokeError();
                throw new IOException(error == ExistsError ? $"'{full}' already exists" : $"cannot link '{temporary}' to '{full}' (errno {error})");
            }
        }
        finally
        {
            TryDelete(temporary);
        }
    }

    private const int ExistsError = 17; // EEXIST

    [LibraryImport("libc", EntryPoint = "link", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int Link(string existing, string created);

    /// <summary><c>EE_SIGN</c> of a digest: base64url (padded) DER ECDSA-secp256k1 over SHA-256 of the 32 digest bytes.</summary>
    public string SignDigest(ReadOnlySpan<byte> digest32)
    {
        ThrowIfDisposed();
        if (digest32.Length != 32)
        {
            throw new ArgumentException($"a digest is 32 bytes, not {digest32.Length}.", nameof(digest32));
        }

        Span<byte> hashed = stackalloc byte[32];
        SHA256.HashData(digest32, hashed);
        return Base64UrlText.Encode(Secp256k1.SignatureToDer(Secp256k1.Sign(hashed, _secret)));
    }

    /// <summary>
    /// Signs <paramref name="message"/> in place as Ratio1's <c>sign</c> does: sets <c>SIGN_CANON_V</c>, then
    /// <c>EE_HASH</c> (the digest of every key but the signature fields, v2 including <c>SIGN_CANON_V</c>),
    /// <c>EE_SIGN</c> and <c>EE_SENDER</c>, replacing earlier values. NaN and infinities in CLR doubles hash as null.
    /// Send the signed message as <see cref="CanonicalJson.ToUtf8(System.Text.Json.Nodes.JsonNode?, SignCanon)"/> (or
    /// any text that keeps float tokens): <c>JsonNode.ToJsonString()</c> writes the double <c>1.0</c> as <c>1</c>, which
    /// a receiver reads as an integer, so a v2 signature over it no longer verifies.
    /// </summary>
    public void Sign(JsonObject message, SignCanon canon = SignCanon.V2)
    {
        ArgumentNullException.ThrowIfNull(message);
        ThrowIfDisposed();
        message[MessageFields.SignCanonVersion] = MessageFields.CanonText(canon);
        Span<byte> digest = stackalloc byte[32];
        MessageSignature.ComputeDigest(message, canon, digest);
        message[MessageFields.Hash] = Convert.ToHexStringLower(digest);
        message[MessageFields.Sign] = SignDigest(digest);
        message[MessageFields.Sender] = Address;
    }

    /// <summary>Zeroes the private key.</summary>
    public void Dispose()
    {
        if (!_disposed)
        {
            _disposed = true;
            CryptographicOperations.ZeroMemory(_secret);
        }
    }

    /// <inheritdoc/>
    public override string ToString() => Address;

    private void ThrowIfDisposed() => ObjectDisposedException.ThrowIf(_disposed, this);

    private static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            // Best effort: a stray temporary file holds a key nobody uses, with mode 0600.
        }
    }
}
