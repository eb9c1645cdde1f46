using OrleansProc.Engine.Values;

namespace OrleansProc.Engine.Sql.Evaluation;

/// <summary>The two boolean values, made once.</summary>
internal static class BoolValues
{
    public static readonly SqlValue True = SqlValue.FromBool(true);

    public static readonly SqlValue False = SqlValue.FromBool(false);

    public static SqlValue Of(bool value) => value ? True : False;
}
