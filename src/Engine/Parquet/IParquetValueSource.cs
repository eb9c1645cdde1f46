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

    /// <summary>
    /// Reads up to <paramref name="want"/> rows (at least one), batch rows [<paramref name="first"/>, first + rows), as
    /// <see cref="Read"/> does, but writes into <paramref name="values"/> only the non-NULL values of the rows at the
    /// start of <paramref name="keptRows"/> that the read covers (their value indexes left in
    /// <paramref name="positions"/>). Returns the rows read, the kept rows among them and the values written.
    /// </summary>
    (int Rows, int Kept, int Values) Gather(int want, int first, ReadOnlySpan<int> keptRows, Span<short> levels, Span<int> positions, Span<T> values);

    /// <summary>Passes over the next <paramref name="count"/> rows.</summary>
    void Skip(int count);
}
