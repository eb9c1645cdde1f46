
namespace OrleansProc.Engine.Schema;

/// <summary>The SQL spelling of the Engine's types, as results and schemas show them.</summary>
public static class SqlTypeNames
{
    public static string Name(SqlType type) => type switch
    {
        SqlType.BigInt => "BIGINT",
        SqlType.Double => "DOUBLE",
        SqlType.Varchar => "VARCHAR",
        SqlType.Boolean => "BOOLEAN",
        SqlType.Timestamp => "TIMESTAMP",
        _ => "NULL",
    };
}
