using System.Text.Json;
using Ratio1.Orleans.Storage.Faults;
using Ratio1.Orleans.Storage.Sqlite;

namespace Ratio1.Orleans.Silo.Leases;

/// <summary>
/// One live silo per data folder: an exclusive lock on <c>&lt;data-dir&gt;/silo.lock</c> (<see cref="FileShare.None"/>,
/// which .NET takes with <c>flock</c> on Linux), held open for the silo's life. The kernel releases it when the process
/// ends, <c>kill -9</c> included, so the next silo on the folder takes over at once. The holder describes itself in
/// <c>silo.json</c> next to it: the lock file cannot be read by a refused silo, since .NET locks every file it opens.
/// The folder must be on a local file system (NFS may not honour <c>flock</c>).
/// </summary>
internal sealed class DataFolderLock : IDisposable
{
    public const string LockFileName = "silo.lock";

    public const string HolderFileName = "silo.json";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    // A holder writes its description just after it locks: a silo refused in that instant waits for it a little.
    private static readonly TimeSpan DescriptionWait = TimeSpan.FromSeconds(2);

    private readonly FileStream _lock;
    private readonly string _holderFile;

    private DataFolderLock(FileStream @lock, string holderFile, LeaseHolder? previous)
    {
        _lock = @lock;
        _holderFile = holderFile;
        Previous = previous;
    }

    /// <summary>The silo that held the folder before and died without releasing it, when it described itself.</summary>
    public LeaseHolder? Previous { get; }

    /// <summary>Locks <paramref name="folder"/> for <paramref name="self"/>, or throws <see cref="NodeAlreadyServedException"/> naming the live silo that has it.</summary>
    public static async Task<DataFolderLock> TakeAsync(string folder, LeaseHolder self, CancellationToken cancellationToken)
    {
        var full = Path.GetFullPath(folder);
        FileStream stream;
        try
        {
            OwnerOnlyFiles.CreateFolder(full);
            var options = new FileStreamOptions { Mode = FileMode.OpenOrCreate, Access = FileAccess.ReadWrite, Share = FileShare.None };
            if (!OperatingSystem.IsWindows())
            {
                options.UnixCreateMode = OwnerOnlyFiles.DatabaseMode;
            }

            stream = new FileStream(Path.Combine(full, LockFileName), options);
        }
        catch (IOException e) when (IsHeldElsewhere(e))
        {
            throw NodeAlreadyServedException.ForDataFolder(full, self.Node, await ReadHolderAsync(full, DescriptionWait, cancellationToken));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // What a SQLite file that cannot be opened reports too (exit code 4).
            throw DatabaseUnavailableException.ForDataDirectory(full, e);
        }

        var holderFile = Path.Combine(full, HolderFileName);
        try
        {
            // A clean stop deletes it: one left behind is from a silo that died holding the folder.
            var previous = File.Exists(holderFile) ? await ReadHolderAsync(full, TimeSpan.Zero, cancellationToken) : null;
            // Written aside and moved into place, so a reader never sees half of it.
            var written = holderFile + ".new";
            await File.WriteAllTextAsync(written, JsonSerializer.Serialize(self, Json), cancellationToken);
            File.Move(written, holderFile, overwrite: true);
            return new DataFolderLock(stream, holderFile, previous);
        }
        catch
        {
            await stream.DisposeAsync();
            throw;
        }
    }

    /// <summary>Releases the folder. The lock file stays: deleting it would let a silo that opened it just before lock a file no one else sees.</summary>
    public void Dispose()
    {
        try
        {
            File.Delete(_holderFile);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Harmless: the next holder overwrites it.
        }

        _lock.Dispose();
    }

    // EWOULDBLOCK from flock (Linux 11, macOS 35), or a sharing or lock violation on Windows.
    private static bool IsHeldElsewhere(IOException e) =>
        e.GetType() == typeof(IOException) && e.HResult is 11 or 35 or unchecked((int)0x80070020) or unchecked((int)0x80070021);

    private static async Task<LeaseHolder?> ReadHolderAsync(string folder, TimeSpan patience, CancellationToken cancellationToken)
    {
        var file = Path.Combine(folder, HolderFileName);
        var deadline = DateTimeOffset.UtcNow + patience;
        while (true)
        {
            try
            {
                if (JsonSerializer.Deserialize<LeaseHolder>(await File.ReadAllTextAsync(file, cancellationToken), Json) is { } holder)
                {
                    return holder;
                }
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or JsonException)
            {
                // Not written yet, or by a build that did not write it.
            }

            if (DateTimeOffset.UtcNow >= deadline)
            {
                return null;
            }

            await Task.Delay(100, cancellationToken);
        }
    }
}
