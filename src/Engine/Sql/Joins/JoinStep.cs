using OrleansProc.Engine.Sql.Evaluation;

namespace OrleansProc.Engine.Sql.Joins;

/// <summary>
/// One broadcast table joined to the rows built so far: <see cref="Probe"/> keys are evaluated over the combined row
/// (the tables joined before), <see cref="Build"/> keys over the combined row with only this table's columns filled;
/// a row matches where all keys are equal and none is NULL.
/// </summary>
internal sealed record JoinStep(int Table, JoinKind Kind, Evaluator[] Probe, Evaluator[] Build);
