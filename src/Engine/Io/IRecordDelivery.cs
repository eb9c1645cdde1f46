namespace OrleansProc.Engine.Io;

/// <summary>
/// How a scan hands CSV records to its sink: as rows of values (<see cref="RowDelivery"/>), as the UTF-8 bytes of
/// one column (<see cref="Utf8ColumnDelivery"/>) or as typed column batches (<see cref="ColumnBatchDelivery"/>).
/// Chosen once per scan by <see cref="RecordDeliveryFactory"/>; every one delivers the same records and finds the
/// same records bad, with the same reasons.
/// </summary>
/// <remarks>
/// The implementations are structs, so <see cref="CsvRecordFramer{TDelivery}"/>, generic over them, calls them
/// directly, without an interface call per record. What they hold back lives in the objects they reference (the
/// sink, its batch), so a boxed copy (as the bad-record log keeps to flush before a throw) flushes the same batch.
/// </remarks>
internal interface IRecordDelivery
{
    /// <summary>
    /// Decodes the fields of one framed CSV record (from the first to the last needed column: the record has as many
    /// as the schema, and the later ones are well formed) and delivers the record.
    /// Null when it was delivered; otherwise the reason it is bad, and it did not reach the sink.
    /// </summary>
    string? DeliverCsv(ReadOnlySpan<byte> record, ReadOnlySpan<CsvField> fields);

    /// <summary>Hands over what is held back (a batch) at the end of the scan and before a bad record is thrown.</summary>
    void Flush();
}
