using System.Runtime.InteropServices;

namespace OrleansProc.LocalClient;

/// <summary>
/// Replaces this process with the managed client (<c>dotnet $ORLEANSPROC_MANAGED_CLIENT args...</c>, set by the
/// wrapper) by execvp: the same process id, stdio, signals and exit status, as if the wrapper had run it.
/// </summary>
internal static partial class ManagedClientHandOff
{
    /// <summary>The environment variable naming the managed client's dll.</summary>
    public const string ClientVariable = "ORLEANSPROC_MANAGED_CLIENT";

    /// <summary>Does not return when the hand-off works; else writes one <c>error:</c> line and returns 1.</summary>
    public static int Exec(string[] args)
    {
        var client = Environment.GetEnvironmentVariable(ClientVariable);
        if (string.IsNullOrEmpty(client) || !File.Exists(client))
        {
            Console.Error.WriteLine($"error: this command runs in the managed client, and {ClientVariable} does not name its dll ('{client}'): run it through ./orleansproc");
            return 1;
        }

        Console.Out.Flush();
        Console.Error.Flush();
        string?[] argv = ["dotnet", client, .. args, null];
        ExecVp("dotnet", argv);
        Console.Error.WriteLine($"error: could not start the managed client (dotnet {client}): {Marshal.GetLastPInvokeErrorMessage()}");
        return 1;
    }

    [LibraryImport("libc", EntryPoint = "execvp", StringMarshalling = StringMarshalling.Utf8, SetLastError = true)]
    private static partial int ExecVp(string file, string?[] argv);
}
