namespace OrleansProc.Client.Output;

/// <summary>How a result column is rendered, from its SQL type.</summary>
internal enum CellKind
{
    Text = 0,
    Integer = 1,
    Real = 2,
    Boolean = 3,
}
