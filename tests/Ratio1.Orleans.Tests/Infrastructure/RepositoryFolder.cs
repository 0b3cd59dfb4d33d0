namespace Ratio1.Orleans.Tests.Infrastructure;

/// <summary>The checkout the tests were built from (the folder holding <c>Ratio1.Orleans.sln</c>).</summary>
public static class RepositoryFolder
{
    public static string Root { get; } = Find();

    private static string Find()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "Ratio1.Orleans.sln")))
            {
                return folder.FullName;
            }
        }

        throw new InvalidOperationException($"No Ratio1.Orleans.sln above {AppContext.BaseDirectory}.");
    }
}
