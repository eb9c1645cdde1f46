namespace OrleansProc.Sdk;

/// <summary>
/// One input record, as a processor sees it: the columns the processor named in <see cref="Processor.Columns"/>,
/// by name or by their position in that list (faster in a hot loop). A value of another type is converted where it
/// can be (a number read as text, an integer read as a double); an empty field or a JSON null is null.
/// A record is valid only during the call it is given to: copy what must outlive it.
/// </summary>
public interface IRecord
{
    /// <summary>The value as text, or null.</summary>
    string? GetString(int ordinal);

    /// <summary>The value as text, or null.</summary>
    string? GetString(string column);

    /// <summary>The value as a 64-bit integer, or null. Throws <see cref="FormatException"/> when it is not one.</summary>
    long? GetInt64(int ordinal);

    /// <summary>The value as a 64-bit integer, or null. Throws <see cref="FormatException"/> when it is not one.</summary>
    long? GetInt64(string column);

    /// <summary>The value as a double, or null. Throws <see cref="FormatException"/> when it is not a number.</summary>
    double? GetDouble(int ordinal);

    /// <summary>The value as a double, or null. Throws <see cref="FormatException"/> when it is not a number.</summary>
    double? GetDouble(string column);

    /// <summary>The value as a boolean, or null. Throws <see cref="FormatException"/> when it is not one.</summary>
    bool? GetBoolean(int ordinal);

    /// <summary>The value as a boolean, or null. Throws <see cref="FormatException"/> when it is not one.</summary>
    bool? GetBoolean(string column);

    /// <summary>The value as a date, or null. Throws <see cref="FormatException"/> when it is not one.</summary>
    DateOnly? GetDate(int ordinal);

    /// <summary>The value as a date, or null. Throws <see cref="FormatException"/> when it is not one.</summary>
    DateOnly? GetDate(string column);

    /// <summary>The value as a UTC timestamp, or null. Throws <see cref="FormatException"/> when it is not one.</summary>
    DateTime? GetTimestamp(int ordinal);

    /// <summary>The value as a UTC timestamp, or null. Throws <see cref="FormatException"/> when it is not one.</summary>
    DateTime? GetTimestamp(string column);

    /// <summary>True when the value is null (an empty field, a missing JSON member, a Parquet null).</summary>
    bool IsNull(int ordinal);

    /// <summary>True when the value is null (an empty field, a missing JSON member, a Parquet null).</summary>
    bool IsNull(string column);
}
