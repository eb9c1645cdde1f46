using OrleansProc.Client.Cli;
using OrleansProc.Client.Local;
using OrleansProc.LocalClient;

using var interrupt = new InterruptSignal();
return await LocalFrontDoor.RunAsync(args, ConsoleContext.FromSystemConsole(interrupt.Token, () => ManagedClientHandOff.Exec(args)));
