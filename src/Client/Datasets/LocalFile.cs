namespace OrleansProc.Client.Datasets;

/// <summary>A local file to upload, with its name relative to the path it was found under (forward slashes).</summary>
internal sealed record LocalFile(string FullPath, string RelativeName, long Length);
