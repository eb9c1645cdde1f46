using OrleansProc.Engine.Io;
using OrleansProc.Engine.Io.Filters;
using OrleansProc.Engine.Parquet.Decoding;
using OrleansProc.Engine.Processing;
using OrleansProc.Engine.Schema;
using OrleansProc.Engine.Values;
using ParquetSharp;

namespace OrleansProc.Engine.Parquet;

/// <summary>
/// Reads the row groups of one slice of a Parquet file into a sink, decoding only the columns the processor needs:
/// into the sink's <see cref="ColumnBatch"/> when it is an <see cref="IColumnBatchSink"/> whose batch holds or
/// filters on exactly those columns (typed vectors, strings as dictionary codes, the batch's string filters applied
/// by <see cref="ParquetBatchFilter"/>), else row by row.
/// </summary>
/// <remarks>
/// <para>
/// A slice owns the row groups that start in its byte range [RangeStart, RangeEnd), as Spark assigns them, so the
/// slices of one file read each row group exactly once, whatever the cut. A row group's start is taken from the
/// footer (the same in every slice): the first starts after the 4-byte magic, each next one where the column chunks
/// of the one before end (the chunk sizes give them, a few hundred bytes early when a writer puts column metadata
/// between chunks, the same in every slice either way).
/// </para>
/// <para>
/// The footer (schema, row groups, statistics) is read by <see cref="ParquetFooterReader"/>, in managed code;
/// ParquetSharp's reader (and its native library) is opened only when a chunk is not for the managed decoder.
/// </para>
/// <para>
/// A row group whose statistics refute the WHERE (see <see cref="RowGroupPruner"/>) is skipped and counted. The
/// dataset's columns are found in the file by name: a needed column that the file lacks, whose type differs from
/// the dataset's, or that the Engine cannot read (nested, list, map, binary, ...) fails the scan with a
/// <see cref="QueryException"/> naming the column and the file. A file that is not Parquet throws
/// <see cref="InvalidDataException"/>.
/// </para>
/// </remarks>
internal static class ParquetSliceScanner
{
    /// <summary>The rows decoded at once per column.</summary>
    public const int ChunkRows = 4096;

    private const long MagicBytes = 4;

    /// <summary>
    /// Scans <paramref name="slice"/> of the file <paramref name="file"/> (seekable, at any position). The column
    /// chunks that <see cref="ParquetManagedReader.CanDecode"/> accepts are decoded by the managed decoder, the rest
    /// by ParquetSharp; <paramref name="managed"/> false reads every chunk with ParquetSharp (null: as
    /// <see cref="ParquetManagedReader.ReaderVariable"/> says).
    /// </summary>
    public static ParquetSliceResult Scan(
        Stream file,
        InputSlice slice,
        IPartitionProcessor processor,
        RowGroupPruner pruner,
        IRowSink sink,
        CancellationToken cancellationToken,
        bool? managed = null)
    {
        ArgumentNullException.ThrowIfNull(file);
        ArgumentNullException.ThrowIfNull(slice);
        ArgumentNullException.ThrowIfNull(processor);
        ArgumentNullException.ThrowIfNull(pruner);
        ArgumentNullException.ThrowIfNull(sink);
        var footer = ParquetFooterReader.Read(file, slice.BlobName);
        var session = new Session(footer, file, managed ?? ParquetManagedReader.IsEnabled(), slice, processor, pruner, sink, cancellationToken);
        try
        {
            return session.Run();
        }
        catch (ParquetException e)
        {
            throw ParquetSchemaReader.NotParquet(slice.BlobName, e);
        }
        finally
        {
            session.Dispose();
        }
    }

    private sealed class Session(
        ParquetFileFooter footer,
        Stream file,
        bool managed,
        InputSlice slice,
        IPartitionProcessor processor,
        RowGroupPruner pruner,
        IRowSink sink,
        CancellationToken cancellationToken) : IDisposable
    {
        private readonly TableSchema _schema = processor.InputSchema;
        private readonly ParquetFileColumns _columns = footer.Columns;

        /// <summary>ParquetSharp's reader, opened only when a chunk is not for the managed decoder (loading the native library then).</summary>
        private ParquetFileReader? _reader;

        /// <summary>ParquetSharp's reader of row group <see cref="_groupIndex"/>, when opened.</summary>
        private RowGroupReader? _group;

        private int _groupIndex = -1;

        /// <summary>Per schema ordinal: the file's column, or -1 when neither read nor pruned on.</summary>
        private int[] _fileColumn = [];

        /// <summary>The sink's column batch when it holds or filters on exactly the needed columns (then rows go as batches), else null.</summary>
        private ColumnBatch? _batch;

        /// <summary>The batch's string filters, when it has any.</summary>
        private ParquetBatchFilter? _filter;

        public ParquetSliceResult Run()
        {
            var needed = processor.NeededColumns;
            _fileColumn = new int[_schema.Count];
            Array.Fill(_fileColumn, -1);
            var pruned = pruner.Ordinals.ToHashSet();
            for (var o = 0; o < _schema.Count; o++)
            {
                if (needed[o] || pruned.Contains(o))
                {
                    _fileColumn[o] = Resolve(o, needed[o]);
                }
            }

            _batch = sink is IColumnBatchSink { Batch: { } batch } && batch.ReadColumns.SequenceEqual(needed) ? batch : null;
            _filter = _batch is { Filters.Length: > 0 } ? new ParquetBatchFilter(_batch) : null;
            var groups = footer.RowGroups.Count;
            long start = MagicBytes, rows = 0, bytes = 0;
            int read = 0, skipped = 0;
            for (var g = 0; g < groups; g++)
            {
                var meta = footer.RowGroups[g];
                var size = ChunkBytes(meta, Enumerable.Range(0, meta.Chunks.Length));
                var position = start;
                start += size;
                if (position < slice.RangeStart || position >= slice.RangeEnd)
                {
                    continue;
                }

                cancellationToken.ThrowIfCancellationRequested();
                if (!pruner.IsEmpty && pruner.CanSkip(o => Statistics(g, o)))
                {
                    skipped++;
                    continue;
                }

                rows += ReadGroup(g, meta.Rows, needed);
                bytes += ChunkBytes(meta, NeededLeaves(needed));
                read++;
            }

            return new ParquetSliceResult(rows, bytes, read, skipped);
        }

        private int Resolve(int ordinal, bool read)
        {
            var column = _schema.Columns[ordinal];
            var index = _columns.IndexOf(column.Name);
            if (index < 0)
            {
                throw new QueryException($"error: the Parquet file '{slice.BlobName}' has no column '{column.Name}'");
            }

            var type = _columns.Types[index];
            if (!type.IsSupported)
            {
                if (!read)
                {
                    return -1;
                }

                throw new QueryException(
                    $"error: column '{column.Name}' of '{slice.BlobName}' has a Parquet type the engine cannot read ({type.Unsupported})");
            }

            if (type.Type != column.Type)
            {
                throw new QueryException(
                    $"error: column '{column.Name}' of '{slice.BlobName}' is {SqlTypeNames.Name(type.Type)}, but the dataset's is {SqlTypeNames.Name(column.Type)}");
            }

            return index;
        }

        private IEnumerable<int> NeededLeaves(IReadOnlyList<bool> needed)
        {
            for (var o = 0; o < needed.Count; o++)
            {
                if (needed[o])
                {
                    yield return _columns.Leaves[_fileColumn[o]];
                }
            }
        }

        private ColumnChunkStatistics? Statistics(int groupIndex, int ordinal)
        {
            var index = _fileColumn[ordinal];
            return index < 0 ? null : footer.Statistics(groupIndex, _columns.Leaves[index], _columns.Types[index]);
        }

        public void Dispose()
        {
            _group?.Dispose();
            _reader?.Dispose();
        }

        private long ReadGroup(int groupIndex, long groupRows, IReadOnlyList<bool> needed)
        {
            var ordinals = new List<int>();
            var cursors = new List<ParquetColumnCursor>();
            var chunkRows = _batch is null ? ChunkRows : ColumnBatch.Capacity;
            try
            {
                for (var o = 0; o < needed.Count; o++)
                {
                    if (needed[o])
                    {
                        var index = _fileColumn[o];
                        ordinals.Add(o);
                        cursors.Add(Cursor(groupIndex, index, chunkRows, _filter?.FiltersRead(o)));
                    }
                }

                if (_batch is { } batch)
                {
                    ReadBatches(batch, cursors, ordinals, groupRows);
                }
                else
                {
                    ReadRows(cursors, ordinals, groupRows);
                }

                return groupRows;
            }
            finally
            {
                foreach (var cursor in cursors)
                {
                    cursor.Dispose();
                }
            }
        }

        /// <summary>A cursor over column <paramref name="index"/> of a row group: the managed decoder's when it reads the chunk, else ParquetSharp's.</summary>
        private ParquetColumnCursor Cursor(int groupIndex, int index, int chunkRows, Utf8FieldFilter[]? filters)
        {
            var leaf = _columns.Leaves[index];
            var type = _columns.Types[index];
            var name = _columns.Names[index];
            var location = footer.RowGroups[groupIndex].Chunks[leaf];
            var maxDefinition = MaxDefinition(index);
            if (managed && ParquetManagedReader.CanDecode(location, type, maxDefinition))
            {
                var chunk = ParquetColumnChunk.Open(file, location, maxDefinition, slice.BlobName, name);
                return ParquetValues.Cursor(chunk, type, name, chunkRows, filters);
            }

            return ParquetValues.Cursor(RowGroup(groupIndex).Column(leaf), type, name, chunkRows, filters);
        }

        /// <summary>ParquetSharp's reader of a row group, the file opened with ParquetSharp on the first call.</summary>
        private RowGroupReader RowGroup(int groupIndex)
        {
            if (_groupIndex != groupIndex || _group is null)
            {
                _reader ??= new ParquetFileReader(file, leaveOpen: true);
                _group?.Dispose();
                _group = _reader.RowGroup(groupIndex);
                _groupIndex = groupIndex;
            }

            return _group;
        }

        /// <summary>The maximum definition level of column <paramref name="index"/>, from the footer's schema.</summary>
        private short MaxDefinition(int index) => _columns.MaxDefinitions[index];

        /// <summary>Hands the rows to the sink's <see cref="IColumnBatchSink.AcceptBatch"/>, a full batch at a time.</summary>
        private void ReadBatches(ColumnBatch batch, List<ParquetColumnCursor> cursors, List<int> ordinals, long groupRows)
        {
            var batchSink = (IColumnBatchSink)sink;
            for (long done = 0; done < groupRows;)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var count = (int)Math.Min(ColumnBatch.Capacity, groupRows - done);
                done += count;
                if (_filter is { } filter)
                {
                    count = ReadFiltered(filter, batch, cursors, ordinals, count);
                }
                else
                {
                    for (var c = 0; c < cursors.Count; c++)
                    {
                        cursors[c].Read(batch, ordinals[c], count);
                    }
                }

                if (count > 0)
                {
                    batch.CommitRows(count);
                    batchSink.AcceptBatch(batch);
                    batch.Clear();
                }
            }
        }

        /// <summary>
        /// Reads the next <paramref name="count"/> rows into the batch, keeping those that pass its filters: the columns
        /// only filtered on first; when no row passes them the held columns are skipped. Else the held filtered columns
        /// are read whole and tested, and the other held columns read with only the passing rows decoded, straight into
        /// the front of their vectors (all rows read as they are when all pass). Returns the rows kept.
        /// </summary>
        private static int ReadFiltered(ParquetBatchFilter filter, ColumnBatch batch, List<ParquetColumnCursor> cursors, List<int> ordinals, int count)
        {
            filter.Reset(count);
            for (var c = 0; c < cursors.Count; c++)
            {
                if (!batch.Columns[ordinals[c]])
                {
                    cursors[c].Filter(filter.Keep, count);
                }
            }

            var any = filter.Any(count);
            for (var c = 0; c < cursors.Count; c++)
            {
                if (batch.Columns[ordinals[c]] && filter.IsHeldFiltered(ordinals[c]))
                {
                    ReadOrSkip(cursors[c], batch, ordinals[c], count, any);
                }
            }

            var kept = any ? filter.Select(count) : 0;
            for (var c = 0; c < cursors.Count; c++)
            {
                var ordinal = ordinals[c];
                if (!batch.Columns[ordinal] || filter.IsHeldFiltered(ordinal))
                {
                    continue;
                }

                if (kept > 0 && kept < count)
                {
                    cursors[c].Gather(batch, ordinal, count, filter.KeptRows(kept));
                }
                else
                {
                    ReadOrSkip(cursors[c], batch, ordinal, count, kept > 0);
                }
            }

            if (kept > 0 && kept < count)
            {
                filter.CompactHeldFiltered(kept);
            }

            return kept;
        }

        private static void ReadOrSkip(ParquetColumnCursor cursor, ColumnBatch batch, int ordinal, int count, bool read)
        {
            if (read)
            {
                cursor.Read(batch, ordinal, count);
            }
            else
            {
                cursor.Skip(count);
            }
        }

        /// <summary>Hands the rows to the sink's <see cref="IRowSink.Accept"/>, one at a time.</summary>
        private void ReadRows(List<ParquetColumnCursor> cursors, List<int> ordinals, long groupRows)
        {
            var values = cursors.Select(_ => new SqlValue[ChunkRows]).ToArray();
            var row = new SqlValue[_schema.Count];
            for (long done = 0; done < groupRows;)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var count = (int)Math.Min(ChunkRows, groupRows - done);
                for (var c = 0; c < cursors.Count; c++)
                {
                    cursors[c].Read(values[c], count);
                }

                for (var r = 0; r < count; r++)
                {
                    for (var c = 0; c < ordinals.Count; c++)
                    {
                        row[ordinals[c]] = values[c][r];
                    }

                    sink.Accept(row);
                }

                done += count;
            }
        }

        private static long ChunkBytes(ParquetRowGroupFooter meta, IEnumerable<int> leaves)
        {
            long total = 0;
            foreach (var leaf in leaves)
            {
                total += meta.Chunks[leaf].Length;
            }

            return total;
        }
    }
}
