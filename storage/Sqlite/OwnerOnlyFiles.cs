namespace Ratio1.Orleans.Storage.Sqlite;

/// <summary>
/// The silo's data is its owner's alone: folders it creates are 0700, the SQLite database 0600. SQLite creates the
/// database's <c>-wal</c> and <c>-shm</c> files with the database file's own mode, so creating that file first (and
/// tightening one an older build left readable) is what keeps the whole database private.
/// </summary>
public static class OwnerOnlyFiles
{
    public const UnixFileMode FolderMode = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;

    public const UnixFileMode DatabaseMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    private static readonly string[] SqliteCompanions = ["", "-wal", "-shm", "-journal"];

    /// <summary>Creates <paramref name="folder"/> (and missing parents) owner-only when it does not exist.</summary>
    public static void CreateFolder(string folder)
    {
        if (OperatingSystem.IsWindows())
        {
            Directory.CreateDirectory(folder);
        }
        else if (!Directory.Exists(folder))
        {
            Directory.CreateDirectory(folder, FolderMode);
        }
    }

    /// <summary>Creates the database file owner-only when missing; narrows it and its companions to 0600 when present.</summary>
    public static void PrepareDatabase(string file)
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        // Best effort: whatever stands in the way (a folder of that name, no permission) is SQLite's to report.
        if (!Path.Exists(file))
        {
            try
            {
                using (new FileStream(file, new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write, UnixCreateMode = DatabaseMode }))
                {
                }
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                return;
            }
        }

        foreach (var path in SqliteCompanions.Select(suffix => file + suffix).Where(File.Exists))
        {
            try
            {
                if ((File.GetUnixFileMode(path) & ~DatabaseMode) != 0)
                {
                    File.SetUnixFileMode(path, DatabaseMode);
                }
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // Not ours to change (another owner): left as it is.
            }
        }
    }
}
