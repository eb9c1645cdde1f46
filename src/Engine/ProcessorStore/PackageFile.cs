namespace OrleansProc.Engine.ProcessorStore;

/// <summary>One file of a processor package.</summary>
/// <param name="Path">The path relative to the package folder, '/'-separated.</param>
/// <param name="Size">The size in bytes.</param>
/// <param name="Sha256">The SHA-256 of the content, lowercase hex.</param>
public sealed record PackageFile(string Path, long Size, string Sha256);
