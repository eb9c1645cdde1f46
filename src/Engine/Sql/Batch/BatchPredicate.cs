using OrleansProc.Engine.Schema;
using OrleansProc.Engine.Sql.Syntax;

namespace OrleansProc.Engine.Sql.Batch;

/// <summary>
/// One conjunct of a WHERE run over column batches: <c>column op constant</c>, false for NULL. An integer-valued
/// column (BIGINT, TIMESTAMP) tests <c>Low &lt;= value &lt;= High</c> (negated for <c>&lt;&gt;</c>); a DOUBLE
/// column compares with <see cref="Evaluation.SqlValueComparer.CompareDouble"/>, as the row evaluator does.
/// </summary>
internal sealed record BatchPredicate(int Column, SqlType Type, BinaryOperator Operator, long Low, long High, bool Negate, double DoubleConstant);
