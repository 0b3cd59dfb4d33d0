namespace Ratio1.Orleans.Tests.Cli;

/// <summary>A temp folder for the JSON files a test hands to r1ctl; deleted with the test.</summary>
public sealed class ScratchFiles : IDisposable
{
    private readonly DirectoryInfo _directory = Directory.CreateTempSubdirectory("r1ctl-test-");

    public string Write(string fileName, string content)
    {
        var path = Path.Combine(_directory.FullName, fileName);
        File.WriteAllText(path, content);
        return path;
    }

    public string PathOf(string fileName) => Path.Combine(_directory.FullName, fileName);

    public void Dispose()
    {
        try
        {
            _directory.Delete(recursive: true);
        }
        catch (IOException)
        {
            // Best effort: the OS cleans temp folders.
        }
    }
}
