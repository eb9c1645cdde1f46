namespace OrleansProc.Engine.Sql.Evaluation;

/// <summary>The scalar text functions.</summary>
internal enum StringFunction : byte
{
    Lower = 0,
    Upper = 1,
    Length = 2,
}
