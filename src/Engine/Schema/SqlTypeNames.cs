
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
        SqlType.Date => "DATE",
        _ => "NULL",
    };

    /// <summary>The type <see cref="Name"/> spells <paramref name="name"/> (case-insensitively).</summary>
    /// <exception cref="ArgumentException">No type has that name.</exception>
    public static SqlType FromName(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        foreach (var type in Enum.GetValues<SqlType>())
        {
            if (string.Equals(Name(type), name, StringComparison.OrdinalIgnoreCase))
            {
                return type;
            }
        }

        throw new ArgumentException($"unknown SQL type '{name}'", nameof(name));
    }
}
