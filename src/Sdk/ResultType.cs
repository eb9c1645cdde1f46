namespace OrleansProc.Sdk;

/// <summary>The type of a result or output column. Values are given as the matching .NET type (or null).</summary>
public enum ResultType
{
    /// <summary>Text: <see cref="string"/>.</summary>
    Text = 0,

    /// <summary>A 64-bit integer: <see cref="long"/> (or any integer type, widened).</summary>
    Integer = 1,

    /// <summary>A double: <see cref="double"/> (or any number, converted).</summary>
    Double = 2,

    /// <summary>A boolean: <see cref="bool"/>.</summary>
    Boolean = 3,

    /// <summary>A calendar date: <see cref="DateOnly"/>.</summary>
    Date = 4,

    /// <summary>A timestamp: <see cref="DateTime"/> (taken as UTC).</summary>
    Timestamp = 5,
}
