namespace OrleansProc.Engine.Io;

/// <summary>One input blob as listed: its name, its length in bytes (compressed length for gzip) and whether it is gzip.</summary>
public sealed record BlobInfo(string Name, long Length, bool Gzip);
