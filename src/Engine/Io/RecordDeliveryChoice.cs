namespace OrleansProc.Engine.Io;

/// <summary>The delivery <see cref="RecordDeliveryFactory"/> chose for a scan, and why.</summary>
/// <param name="Delivery">The delivery; a <see cref="RowDelivery"/> for every format but CSV.</param>
/// <param name="Reason">Why it was chosen (for diagnostics and tests).</param>
internal readonly record struct RecordDeliveryChoice(IRecordDelivery Delivery, string Reason);
