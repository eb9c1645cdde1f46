using System.Runtime.CompilerServices;
using OrleansProc.Client.Cli;

// The Native AOT front door (src/LocalClient) links this assembly, and the AOT compiler compiles this entry point too;
// there IsDynamicCodeSupported is a constant false, so the command tree and the Orleans client it reaches are left out
// of that binary (the check stays in this synchronous method: the compiler folds it where no try block surrounds it).
// Under the managed runtime it is always true.
if (!RuntimeFeature.IsDynamicCodeSupported)
{
    return ExitCodes.Failure;
}

return RunAsync(args).GetAwaiter().GetResult();

static async Task<int> RunAsync(string[] args)
{
    using var interrupt = new InterruptSignal();
    return await ClientApplication.RunAsync(args, ConsoleContext.FromSystemConsole(interrupt.Token));
}
