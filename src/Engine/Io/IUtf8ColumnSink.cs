namespace OrleansProc.Engine.Io;

/// <summary>
/// A row sink that needs one VARCHAR column only and can take it as UTF-8: a CSV scan then hands it the field's
/// bytes (unquoted and unescaped) instead of making a string and a row, for every record that
/// <see cref="Processing.IRowSink.Accept"/> would have been given. Other formats still call <c>Accept</c>.
/// </summary>
internal interface IUtf8ColumnSink
{
    /// <summary>The ordinal of the one column the sink reads.</summary>
    int Utf8Column { get; }

    /// <summary>One record's value of <see cref="Utf8Column"/>: valid UTF-8; empty for NULL and for the empty string.</summary>
    void AcceptUtf8(ReadOnlySpan<byte> value);
}
