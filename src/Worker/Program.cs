using OrleansProc.Engine.Isolation;
using OrleansProc.Engine.Pipeline;

// The protocol owns stdout; whatever the processor prints goes to stderr, which the host keeps the last lines of.
using var input = Console.OpenStandardInput();
using var output = Console.OpenStandardOutput();
Console.SetOut(Console.Error);
new WorkerServer(ProcessorFactory.Instance).Serve(input, output);
