using OrleansProc.Engine.Processing;
using OrleansProc.Engine.Schema;
using OrleansProc.Engine.Sql;

namespace OrleansProc.Engine.Pipeline;

/// <summary>Compiles a <see cref="ProcessorSpec"/> over a schema into a processor. <see cref="ProcessorFactory"/> is the one implementation; tests wrap it to count compilations.</summary>
public interface IProcessorFactory
{
    /// <summary>
    /// Binds and compiles <paramref name="spec"/> over <paramref name="schema"/>. A query is parsed from
    /// <see cref="ProcessorSpec.Sql"/> unless <paramref name="parsed"/> (the same text, parsed already) is given.
    /// </summary>
    /// <exception cref="QueryException">The query does not parse or bind, or the word count's column is unknown.</exception>
    IPartitionProcessor Create(ProcessorSpec spec, TableSchema schema, SqlQuery? parsed = null);
}
