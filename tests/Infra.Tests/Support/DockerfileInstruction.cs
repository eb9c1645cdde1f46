namespace OrleansProc.Infra.Tests.Support;

/// <summary>One instruction of a Dockerfile: its keyword (upper case) and its arguments as written.</summary>
public sealed record DockerfileInstruction(string Keyword, string Arguments);
