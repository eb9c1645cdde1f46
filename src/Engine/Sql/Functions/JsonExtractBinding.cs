using System.Globalization;
using OrleansProc.Engine.Processing;
using OrleansProc.Engine.Schema;
using OrleansProc.Engine.Sql.Evaluation;
using OrleansProc.Engine.Sql.Syntax;
using OrleansProc.Engine.Values;

namespace OrleansProc.Engine.Sql.Functions;

/// <summary>
/// Binds <c>JSON_EXTRACT(json, path)</c> and <c>JSON_EXTRACT_STRING(json, path)</c> (see
/// <see cref="JsonExtractEvaluator"/>), and the operators <c>json -&gt; path</c> and <c>json -&gt;&gt; path</c> that mean them: a
/// VARCHAR first argument and a constant path, VARCHAR (<see cref="JsonPath"/>) or an integer array index (negative from
/// the end); a NULL path gives NULL.
/// </summary>
internal static class JsonExtractBinding
{
    /// <summary>The evaluator of <paramref name="f"/>, its arguments bound to <paramref name="arguments"/>; <paramref name="text"/> is the query.</summary>
    public static Evaluator Bind(FunctionExpr f, IReadOnlyList<Evaluator> arguments, string text)
    {
        ArgumentNullException.ThrowIfNull(f);
        ArgumentNullException.ThrowIfNull(arguments);
        if (f.Star || f.Distinct || arguments.Count != 2)
        {
            throw Error(text, f.Start, "binder error", $"{f.Name} takes 2 arguments: a VARCHAR holding JSON and a constant path such as '$.a.b'");
        }

        if (arguments[0].Type is not (SqlType.Varchar or SqlType.Null))
        {
            throw Error(text, f.Arguments[0].Start, "type error", $"{f.Name} needs a VARCHAR first argument, got {SqlCast.TypeName(arguments[0].Type)}");
        }

        var unquote = f.Name is "JSON_EXTRACT_STRING" or SqlParser.JsonLongArrowName;
        if (!arguments[1].IsConstant || arguments[1].Type is not (SqlType.Varchar or SqlType.BigInt or SqlType.Null))
        {
            throw Error(text, f.Arguments[1].Start, "binder error", $"{f.Name} needs a constant path such as '$.a.b' (or an array index)");
        }

        var pathValue = arguments[1].Evaluate([]);
        if (pathValue.IsNull)
        {
            // DuckDB: a NULL path extracts nothing.
            return new ConstantEvaluator(SqlValue.Null, SqlType.Varchar);
        }

        // An integer path is an array index, from the end when negative (DuckDB's json -> 0, json ->> -1).
        var pathText = pathValue.Type == SqlType.BigInt
            ? pathValue.Int64 >= 0 ? $"$[{pathValue.Int64.ToString(CultureInfo.InvariantCulture)}]" : $"$[#{pathValue.Int64.ToString(CultureInfo.InvariantCulture)}]"
            : pathValue.Text;
        if (JsonPath.TryParse(pathText, out var error) is not { } path)
        {
            throw Error(text, f.Arguments[1].Start, "binder error", $"invalid JSON path '{SourceLocation.Quote(pathText)}': {error}");
        }

        return new JsonExtractEvaluator(arguments[0], path, unquote, SourceLocation.Describe(text, f.Start), f.Start);
    }

    private static QueryException Error(string text, int position, string kind, string why) =>
        new($"{kind} at {SourceLocation.Describe(text, position)}: {why}", position);
}
