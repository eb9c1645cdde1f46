namespace OrleansProc.Engine.Sql.Syntax;

/// <summary>Infix operators.</summary>
public enum BinaryOperator : byte
{
    Add = 0,
    Subtract,
    Multiply,
    Divide,
    Modulo,
    Equal,
    NotEqual,
    Less,
    LessEqual,
    Greater,
    GreaterEqual,
    And,
    Or,
    Concat,
    IntegerDivide,
}
