using OrleansProc.Client.Cli;

using var interrupt = new InterruptSignal();
return await ClientApplication.RunAsync(args, ConsoleContext.FromSystemConsole(interrupt.Token));
