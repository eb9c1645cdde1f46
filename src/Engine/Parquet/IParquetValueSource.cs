namespace OrleansProc.Engine.Parquet;

/// <summary>
/// Where a <see cref="ParquetColumnCursorOf{T}"/> gets a column chunk's physical values: ParquetSharp's column reader
/// (<see cref="ParquetSharpValueSource{T}"/>) or the managed decoder (<see cref="Decoding.ParquetManagedValues{T}"/>).
/// </summary>
internal interface IParquetValueSource<T> : IDisposable
    where T : unmanaged
{
    /// <summary>The column's maximum definition level (a row whose level is lower is NULL).</summary>
    short MaxDefinition { get; }

    /// <summary>
    /// Reads up to <paramref name="want"/> rows (at least one): their definition levels into <paramref name="levels"/>
    /// (when <see cref="MaxDefinition"/> is above 0) and their non-NULL values, in order, into <paramref name="values"/>.
    /// Returns the rows read and the values among them.
    /// </summary>
    (int Rows, int Values) Read(int want, Span<short> levels, Span<T> values);

    /// <summary>Passes over the next <paramref name="count"/> rows.</summary>
    void Skip(int count);
}
