namespace OrleansProc.Engine.Isolation;

/// <summary>One message between a host and its worker: its kind and its payload.</summary>
internal readonly record struct WorkerFrame(WorkerMessageKind Kind, byte[] Payload);
