namespace OrleansProc.Engine.Io;

/// <summary>
/// A row sink that can take records as typed column batches: a CSV scan then parses the needed fields straight into
/// the sink's <see cref="Batch"/> (no <see cref="Values.SqlValue"/> row, no string per VARCHAR value) and hands it
/// over whenever it is full and at the end of the scan (and before a bad record is thrown), for every record that
/// <see cref="Processing.IRowSink.Accept"/> would have been given. A Parquet scan fills the batch column by column
/// from the column chunks. Other formats still call <c>Accept</c>.
/// </summary>
internal interface IColumnBatchSink
{
    /// <summary>The batch to fill, holding every needed column; null when the sink takes rows only.</summary>
    ColumnBatch? Batch { get; }

    /// <summary>Takes the records of <see cref="Batch"/>; the caller clears it afterwards.</summary>
    void AcceptBatch(ColumnBatch batch);
}
