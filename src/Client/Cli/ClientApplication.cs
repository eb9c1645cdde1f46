using System.CommandLine;
using System.CommandLine.Invocation;
using OrleansProc.Client.Cluster;
using OrleansProc.Client.Commands;
using OrleansProc.Contracts.Security;
using OrleansProc.DevCluster;
using OrleansProc.Security;

namespace OrleansProc.Client.Cli;

/// <summary>
/// The entry point: parses the command line, turns parse errors into one <c>error:</c> line with exit status 2,
/// runs the command and turns its failures into one <c>error:</c> line with its exit status.
/// </summary>
internal static class ClientApplication
{
    public static Task<int> RunAsync(IReadOnlyList<string> args, ConsoleContext console)
    {
        console = console with { Cluster = console.Cluster ?? new ClusterJobs() };
        return RunAsync(CommandTree.Build(console).Parse(args), console);
    }

    /// <summary>Runs a command line parsed already (by the whole tree, or by the Native AOT front door's <see cref="Local.LocalFrontDoor"/>).</summary>
    public static async Task<int> RunAsync(ParseResult parsed, ConsoleContext console)
    {
        if (parsed.Action is ParseErrorAction || (parsed.Errors.Count > 0 && parsed.Action is null))
        {
            console.WriteError(ParseErrors.Describe(parsed));
            return ExitCodes.Usage;
        }

        var invocation = new InvocationConfiguration
        {
            Output = console.Out,
            Error = console.Error,
            EnableDefaultExceptionHandler = false,
            ProcessTerminationTimeout = null, // Ctrl+C is ours: see InterruptSignal
        };

        try
        {
            return await parsed.InvokeAsync(invocation, console.Interrupt);
        }
        catch (CommandException exception)
        {
            console.WriteError(exception.Message);
            return exception.ExitCode;
        }
        catch (TlsCertificateException exception)
        {
            console.WriteError(exception.Message);
            return ExitCodes.Failure;
        }
        catch (AccessDeniedException exception)
        {
            console.WriteError($"access denied: {exception.Message}");
            return ExitCodes.Failure;
        }
        catch (DevClusterException exception)
        {
            console.WriteError(exception.Message);
            return ExitCodes.Failure;
        }
        catch (OperationCanceledException) when (console.Interrupt.IsCancellationRequested)
        {
            console.WriteError("interrupted");
            return ExitCodes.Interrupted;
        }
        catch (Exception exception) when (exception is OrleansException or TimeoutException)
        {
            console.WriteError($"the cluster failed to answer: {exception.Message}");
            return ExitCodes.Failure;
        }
        catch (Exception exception)
        {
            console.WriteError($"unexpected {exception.GetType().Name}: {exception.Message}");
            return ExitCodes.Failure;
        }
        finally
        {
            await console.Out.FlushAsync();
            await console.Error.FlushAsync();
        }
    }
}
