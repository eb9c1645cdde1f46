namespace OrleansProc.Engine.Sql.Functions;

/// <summary>
/// One step of a <see cref="JsonPath"/>: an object's field by <see cref="Key"/>, an array's element by
/// <see cref="Index"/> (from the end when <see cref="FromEnd"/>, <c>[#-1]</c> being the last), or either (a JSON
/// pointer's segment, when both are set).
/// </summary>
internal sealed record JsonPathStep(string? Key, int Index, bool FromEnd)
{
    /// <summary>True when the step indexes an array.</summary>
    public bool HasIndex => Index >= 0;
}
