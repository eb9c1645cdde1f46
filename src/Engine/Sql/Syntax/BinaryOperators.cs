namespace OrleansProc.Engine.Sql.Syntax;

/// <summary>What the planners need to know of a <see cref="BinaryOperator"/>.</summary>
internal static class BinaryOperators
{
    /// <summary>The comparison with its operands swapped: <c>c &lt; x</c> is <c>x &gt; c</c>; other operators as they are.</summary>
    public static BinaryOperator Mirror(BinaryOperator op) => op switch
    {
        BinaryOperator.Less => BinaryOperator.Greater,
        BinaryOperator.LessEqual => BinaryOperator.GreaterEqual,
        BinaryOperator.Greater => BinaryOperator.Less,
        BinaryOperator.GreaterEqual => BinaryOperator.LessEqual,
        _ => op,
    };
}
