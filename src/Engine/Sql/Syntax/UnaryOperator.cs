namespace OrleansProc.Engine.Sql.Syntax;

/// <summary>Prefix operators.</summary>
public enum UnaryOperator : byte
{
    Negate = 0,
    Not = 1,
}
