namespace OrleansProc.Engine.Processing;

/// <summary>The header every binary partial starts with: a magic number, a format version and the processor kind.</summary>
internal static class PartialFormat
{
    public const int Magic = 0x5150504F; // "OPPQ"
    public const byte Version = 1;

    public const byte AggregateKind = 1;
    public const byte RowsKind = 2;
    public const byte TransformKind = 3;
    public const byte WordCountKind = 4;

    public static void WriteHeader(BinaryWriter writer, byte kind)
    {
        writer.Write(Magic);
        writer.Write(Version);
        writer.Write(kind);
    }

    public static void ReadHeader(BinaryReader reader, byte kind)
    {
        if (reader.ReadInt32() != Magic)
        {
            throw new InvalidDataException("not a partial: the magic number is wrong");
        }

        var version = reader.ReadByte();
        if (version != Version)
        {
            throw new InvalidDataException($"partial format version {version} is not supported (expected {Version})");
        }

        var actual = reader.ReadByte();
        if (actual != kind)
        {
            throw new InvalidDataException($"partial of kind {actual} given to a processor of kind {kind}");
        }
    }

    public static void ExpectCount(int actual, int expected, string what)
    {
        if (actual != expected)
        {
            throw new InvalidDataException($"partial has {actual} {what}, the processor expects {expected}");
        }
    }
}
