namespace OrleansProc.Engine.Processing;

/// <summary>
/// A query that cannot run: a syntax error, an unknown column, a type error. The message says what and why;
/// <see cref="Position"/> is the 0-based character offset in the query text, or -1 when none applies.
/// The message already names the position as "at line L, column C" when there is one.
/// </summary>
public sealed class QueryException : Exception
{
    public QueryException(string message, int position = -1)
        : base(message)
    {
        Position = position;
    }

    public QueryException()
        : this("invalid query")
    {
    }

    public QueryException(string message, Exception innerException)
        : base(message, innerException)
    {
        Position = -1;
    }

    public int Position { get; }
}
