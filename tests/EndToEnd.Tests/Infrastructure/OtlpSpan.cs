namespace OrleansProc.EndToEnd.Tests.Infrastructure;

/// <summary>One span of an OTLP trace export: the service that sent it, its ids (hex) and its name.</summary>
public sealed record OtlpSpan(string Service, string TraceId, string SpanId, string ParentSpanId, string Name);
