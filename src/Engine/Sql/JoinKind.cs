namespace OrleansProc.Engine.Sql;

/// <summary>The kinds of join the SQL subset has.</summary>
public enum JoinKind : byte
{
    /// <summary><c>[INNER] JOIN</c>: rows that match on both sides.</summary>
    Inner = 0,

    /// <summary><c>LEFT [OUTER] JOIN</c>: every row of the left side, with NULLs where the right side has no match.</summary>
    Left = 1,
}
