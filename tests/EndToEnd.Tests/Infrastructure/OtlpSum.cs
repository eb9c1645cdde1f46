namespace OrleansProc.EndToEnd.Tests.Infrastructure;

/// <summary>One integer sum (a counter) of an OTLP metrics export: the service instance that sent it, the instrument, its value over all tags.</summary>
public sealed record OtlpSum(string Instance, string Name, long Value);
