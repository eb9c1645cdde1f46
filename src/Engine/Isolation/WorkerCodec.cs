using System.Text;
using OrleansProc.Engine.Pipeline;
using OrleansProc.Engine.Processing;
using OrleansProc.Engine.Schema;
using OrleansProc.Engine.UserProcessors;
using OrleansProc.Engine.Values;

namespace OrleansProc.Engine.Isolation;

/// <summary>The payloads of the worker protocol: a spec and its schema, a processor's description, partials, a result, an error.</summary>
internal static class WorkerCodec
{
    /// <summary>A spec and the schema it runs over (the start of Describe, Open, Merge and Finish requests).</summary>
    public static void WriteSpec(BinaryWriter writer, ProcessorSpec spec, TableSchema schema)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(spec);
        ArgumentNullException.ThrowIfNull(schema);
        writer.Write((byte)spec.Kind);
        WriteText(writer, spec.Sql);
        WriteText(writer, spec.Column);
        writer.Write(spec.Top);
        writer.Write(spec.MaxGroups ?? -1);
        writer.Write(spec.BroadcastLimit ?? -1L);
        writer.Write((byte)spec.OutputFormat);
        WriteText(writer, spec.ProcessorName);
        WriteText(writer, spec.PackageFolder);
        WriteText(writer, spec.Arguments);
        writer.Write((byte)spec.Isolation);
        WriteColumns(writer, schema.Columns);
    }

    /// <summary>Reads what <see cref="WriteSpec"/> wrote.</summary>
    public static (ProcessorSpec Spec, TableSchema Schema) ReadSpec(BinaryReader reader)
    {
        ArgumentNullException.ThrowIfNull(reader);
        var kind = (ProcessorKind)reader.ReadByte();
        var sql = ReadText(reader);
        var column = ReadText(reader);
        var top = reader.ReadInt32();
        var maxGroups = reader.ReadInt32();
        var broadcastLimit = reader.ReadInt64();
        var outputFormat = (DataFormat)reader.ReadByte();
        var spec = new ProcessorSpec
        {
            Kind = kind,
            Sql = sql,
            Column = column,
            Top = top,
            MaxGroups = maxGroups < 0 ? null : maxGroups,
            BroadcastLimit = broadcastLimit < 0 ? null : broadcastLimit,
            OutputFormat = outputFormat,
            ProcessorName = ReadText(reader),
            PackageFolder = ReadText(reader),
            Arguments = ReadText(reader),
            Isolation = (ProcessorIsolation)reader.ReadByte(),
        };
        return (spec, new TableSchema(ReadColumns(reader)));
    }

    /// <summary>A compiled processor's description (the answer to Describe).</summary>
    public static void WriteDescription(BinaryWriter writer, IPartitionProcessor processor)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(processor);
        writer.Write(processor.NeededColumns.Count);
        foreach (var needed in processor.NeededColumns)
        {
            writer.Write(needed);
        }

        WriteColumns(writer, processor.OutputColumns);
        writer.Write(processor.WritesOutputRows);
        WriteText(writer, (processor as UserProcessor)?.Name);
    }

    /// <summary>Reads what <see cref="WriteDescription"/> wrote.</summary>
    public static WorkerDescription ReadDescription(BinaryReader reader)
    {
        ArgumentNullException.ThrowIfNull(reader);
        var needed = new bool[reader.ReadInt32()];
        for (var i = 0; i < needed.Length; i++)
        {
            needed[i] = reader.ReadBoolean();
        }

        var output = ReadColumns(reader);
        var writes = reader.ReadBoolean();
        return new WorkerDescription(needed, output, writes, ReadText(reader));
    }

    /// <summary>A list of byte blocks (partials, or output rows then a partial).</summary>
    public static void WriteBlocks(BinaryWriter writer, IReadOnlyList<byte[]> blocks)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(blocks);
        writer.Write(blocks.Count);
        foreach (var block in blocks)
        {
            writer.Write(block.Length);
            writer.Write(block);
        }
    }

    /// <summary>Reads what <see cref="WriteBlocks"/> wrote.</summary>
    public static IReadOnlyList<byte[]> ReadBlocks(BinaryReader reader)
    {
        ArgumentNullException.ThrowIfNull(reader);
        var blocks = new byte[reader.ReadInt32()][];
        for (var i = 0; i < blocks.Length; i++)
        {
            blocks[i] = reader.ReadBytes(reader.ReadInt32());
        }

        return blocks;
    }

    /// <summary>A result table (the answer to Finish).</summary>
    public static void WriteTable(BinaryWriter writer, ResultTable table)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(table);
        WriteColumns(writer, table.Columns);
        writer.Write(table.TotalRows);
        writer.Write(table.Rows.Count);
        foreach (var row in table.Rows)
        {
            writer.Write(row.Length);
            foreach (var value in row)
            {
                SqlValueCodec.Write(writer, value);
            }
        }
    }

    /// <summary>Reads what <see cref="WriteTable"/> wrote.</summary>
    public static ResultTable ReadTable(BinaryReader reader)
    {
        ArgumentNullException.ThrowIfNull(reader);
        var columns = ReadColumns(reader);
        var total = reader.ReadInt64();
        var rows = new SqlValue[reader.ReadInt32()][];
        for (var r = 0; r < rows.Length; r++)
        {
            var row = new SqlValue[reader.ReadInt32()];
            for (var c = 0; c < row.Length; c++)
            {
                row[c] = SqlValueCodec.Read(reader);
            }

            rows[r] = row;
        }

        return new ResultTable(columns, rows, total);
    }

    /// <summary>An error answer: the exception's full type name and its message.</summary>
    public static byte[] Error(Exception exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        using var buffer = new MemoryStream();
        using (var writer = new BinaryWriter(buffer, Encoding.UTF8, leaveOpen: true))
        {
            writer.Write(exception.GetType().FullName ?? exception.GetType().Name);
            writer.Write(exception.Message);
        }

        return buffer.ToArray();
    }

    /// <summary>Reads an error answer: the exception's type name and message.</summary>
    public static (string Type, string Message) ReadError(byte[] payload)
    {
        ArgumentNullException.ThrowIfNull(payload);
        using var reader = new BinaryReader(new MemoryStream(payload), Encoding.UTF8);
        return (reader.ReadString(), reader.ReadString());
    }

    private static void WriteColumns(BinaryWriter writer, IReadOnlyList<ColumnSchema> columns)
    {
        writer.Write(columns.Count);
        foreach (var column in columns)
        {
            writer.Write(column.Name);
            writer.Write((byte)column.Type);
        }
    }

    private static List<ColumnSchema> ReadColumns(BinaryReader reader)
    {
        var count = reader.ReadInt32();
        var columns = new List<ColumnSchema>(count);
        for (var i = 0; i < count; i++)
        {
            columns.Add(new ColumnSchema(reader.ReadString(), (SqlType)reader.ReadByte()));
        }

        return columns;
    }

    private static void WriteText(BinaryWriter writer, string? text)
    {
        writer.Write(text is not null);
        if (text is not null)
        {
            writer.Write(text);
        }
    }

    private static string? ReadText(BinaryReader reader) => reader.ReadBoolean() ? reader.ReadString() : null;
}
