namespace OrleansProc.TestSupport;

/// <summary>Finds the repository (the folder holding OrleansProc.sln) and the build configuration of this test run.</summary>
public static class RepositoryRoot
{
    public static string Path { get; } = Find();

    /// <summary>Release or Debug: the silo and client are taken from the same configuration as the tests.</summary>
    public static string Configuration { get; } =
        AppContext.BaseDirectory.Contains($"{System.IO.Path.DirectorySeparatorChar}Release{System.IO.Path.DirectorySeparatorChar}", StringComparison.Ordinal) ? "Release" : "Debug";

    public static string SiloDll => Binary("Silo");

    public static string ClientDll => Binary("Client");

    public static string AzuriteBin => System.IO.Path.Combine(Path, "infra", "node_modules", ".bin", "azurite");

    /// <summary>The data files of the npm package vega-datasets (airports, flights...), installed beside Azurite by infra/test.sh.</summary>
    public static string VegaDatasets => System.IO.Path.Combine(Path, "infra", "node_modules", "vega-datasets", "data");

    private static string Binary(string project)
    {
        var path = System.IO.Path.Combine(Path, "src", project, "bin", Configuration, "net10.0", $"OrleansProc.{project}.dll");
        return File.Exists(path)
            ? path
            : throw new InvalidOperationException($"{path} is missing: build the solution in {Configuration} first (the README's test command does)");
    }

    private static string Find()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(System.IO.Path.Combine(dir.FullName, "OrleansProc.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("cannot find OrleansProc.sln above the test binaries");
    }
}
