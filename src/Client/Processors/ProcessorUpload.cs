using OrleansProc.Engine.ProcessorStore;

namespace OrleansProc.Client.Processors;

/// <summary>What <c>processor upload</c> did: the version stored, and whether that content was stored already.</summary>
internal sealed record ProcessorUpload(ProcessorPackageManifest Manifest, bool AlreadyStored);
