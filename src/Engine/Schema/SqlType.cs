namespace OrleansProc.Engine.Schema;

/// <summary>The SQL types of the query language. <see cref="Null"/> is the type of the NULL literal only.</summary>
public enum SqlType : byte
{
    Null = 0,
    BigInt = 1,
    Double = 2,
    Varchar = 3,
    Boolean = 4,
    Timestamp = 5,

    /// <summary>A calendar date: days since 1970-01-01 in <see cref="Values.SqlValue.Int64"/>.</summary>
    Date = 6,
}
