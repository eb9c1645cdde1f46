using OrleansProc.Engine.Aggregation;
using OrleansProc.Engine.Schema;

namespace OrleansProc.Engine.Sql.Batch;

/// <summary>One aggregate run over column batches: its kind and the column it reads (-1 for COUNT(*)) and that column's type.</summary>
internal sealed record BatchAggregate(AggregateKind Kind, int Column, SqlType ColumnType);
