namespace OrleansProc.DevCluster.Tests;

public sealed class SiloBuildChoiceTests : IDisposable
{
    private static readonly DateTime s_built = new(2026, 1, 2, 3, 4, 5, DateTimeKind.Utc);

    private readonly string _root = Directory.CreateTempSubdirectory("orleansproc-silo-build-").FullName;

    private string Built => Path.Combine(_root, "bin");

    private string Published => Path.Combine(_root, "silo-r2r");

    public void Dispose() => Directory.Delete(_root, recursive: true);

    [Fact]
    public void Choose_PublishNewerThanEveryBuiltAssembly_RunsThePublishWithoutWarning()
    {
        Write(Built, s_built, "OrleansProc.Silo.dll", "OrleansProc.Engine.dll", "Orleans.Core.dll");
        Write(Published, s_built.AddMinutes(1), "OrleansProc.Silo.dll", "OrleansProc.Engine.dll");

        var choice = SiloBuildChoice.Choose(Built, Published, readyToRunWanted: true);

        Assert.Equal(Path.Combine(Published, "OrleansProc.Silo.dll"), choice.Assembly);
        Assert.Null(choice.Warning);
    }

    [Fact]
    public void Choose_OneAssemblyBuiltAfterThePublish_RunsTheBuildAndNamesIt()
    {
        Write(Built, s_built, "OrleansProc.Silo.dll", "OrleansProc.Engine.dll");
        Write(Published, s_built.AddMinutes(1), "OrleansProc.Silo.dll", "OrleansProc.Engine.dll");
        File.SetLastWriteTimeUtc(Path.Combine(Built, "OrleansProc.Engine.dll"), s_built.AddMinutes(2));

        var choice = SiloBuildChoice.Choose(Built, Published, readyToRunWanted: true);

        Assert.Equal(Path.Combine(Built, "OrleansProc.Silo.dll"), choice.Assembly);
        Assert.Contains("older than the build (OrleansProc.Engine.dll)", choice.Warning, StringComparison.Ordinal);
    }

    [Fact]
    public void Choose_BuiltAssemblyMissingFromThePublish_RunsTheBuildWithWarning()
    {
        Write(Built, s_built, "OrleansProc.Silo.dll", "OrleansProc.Grains.dll");
        Write(Published, s_built.AddMinutes(1), "OrleansProc.Silo.dll");

        var choice = SiloBuildChoice.Choose(Built, Published, readyToRunWanted: true);

        Assert.Equal(Path.Combine(Built, "OrleansProc.Silo.dll"), choice.Assembly);
        Assert.Contains("OrleansProc.Grains.dll", choice.Warning, StringComparison.Ordinal);
    }

    [Fact]
    public void Choose_NothingPublished_RunsTheBuildWithWarning()
    {
        Write(Built, s_built, "OrleansProc.Silo.dll");

        var choice = SiloBuildChoice.Choose(Built, Published, readyToRunWanted: true);

        Assert.Equal(Path.Combine(Built, "OrleansProc.Silo.dll"), choice.Assembly);
        Assert.StartsWith("warning: the ReadyToRun silo is not published", choice.Warning, StringComparison.Ordinal);
    }

    [Fact]
    public void Choose_ReadyToRunNotWanted_RunsTheBuildWithoutWarning()
    {
        Write(Built, s_built, "OrleansProc.Silo.dll");
        Write(Published, s_built.AddMinutes(1), "OrleansProc.Silo.dll");

        var choice = SiloBuildChoice.Choose(Built, Published, readyToRunWanted: false);

        Assert.Equal(Path.Combine(Built, "OrleansProc.Silo.dll"), choice.Assembly);
        Assert.Null(choice.Warning);
    }

    private static void Write(string directory, DateTime time, params string[] names)
    {
        Directory.CreateDirectory(directory);
        foreach (var name in names)
        {
            var path = Path.Combine(directory, name);
            File.WriteAllBytes(path, [1]);
            File.SetLastWriteTimeUtc(path, time);
        }
    }
}
