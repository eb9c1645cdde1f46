namespace OrleansProc.Engine.Sql;

/// <summary>
/// One ORDER BY key, bound: either output column <see cref="OutputIndex"/>, or extra key number <see cref="KeyIndex"/>
/// (an expression evaluated alongside the outputs).
/// </summary>
internal sealed record SortKey(int OutputIndex, int KeyIndex, bool Descending, bool NullsFirst);
