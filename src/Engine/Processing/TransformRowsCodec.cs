using OrleansProc.Engine.Values;

namespace OrleansProc.Engine.Processing;

/// <summary>
/// The body of a transform's partial (a SQL transform's or a user map's), after its header: the output width, the rows
/// written, and the preview rows.
/// </summary>
internal static class TransformRowsCodec
{
    public static void Write(BinaryWriter writer, int width, long rowCount, IReadOnlyList<SqlValue[]> preview)
    {
        writer.Write7BitEncodedInt(width);
        writer.Write7BitEncodedInt64(rowCount);
        writer.Write7BitEncodedInt(preview.Count);
        foreach (var row in preview)
        {
            foreach (var value in row)
            {
                SqlValueCodec.Write(writer, value);
            }
        }
    }

    /// <summary>Reads what <see cref="Write"/> wrote into <paramref name="preview"/>; returns the rows written.</summary>
    public static long Read(BinaryReader reader, int width, List<SqlValue[]> preview)
    {
        PartialFormat.ExpectCount(reader.Read7BitEncodedInt(), width, "output columns");
        var rowCount = reader.Read7BitEncodedInt64();
        var count = reader.Read7BitEncodedInt();
        for (var r = 0; r < count; r++)
        {
            var row = new SqlValue[width];
            for (var i = 0; i < row.Length; i++)
            {
                row[i] = SqlValueCodec.Read(reader);
            }

            preview.Add(row);
        }

        return rowCount;
    }
}
