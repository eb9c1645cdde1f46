using OrleansProc.Engine.Processing;
using OrleansProc.Engine.Schema;
using OrleansProc.Engine.Sql.Evaluation;
using OrleansProc.Engine.Sql.Syntax;

namespace OrleansProc.Engine.Sql.Functions;

/// <summary>
/// Binds <c>JSON_EXTRACT(json, path)</c> and <c>JSON_EXTRACT_STRING(json, path)</c> (see
/// <see cref="JsonExtractEvaluator"/>): a VARCHAR first argument and a constant VARCHAR path (<see cref="JsonPath"/>).
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

        if (!arguments[1].IsConstant || arguments[1].Type != SqlType.Varchar || arguments[1].Evaluate([]) is not { IsNull: false } pathValue)
        {
            throw Error(text, f.Arguments[1].Start, "binder error", $"{f.Name} needs a constant VARCHAR path such as '$.a.b'");
        }

        if (JsonPath.TryParse(pathValue.Text, out var error) is not { } path)
        {
            throw Error(text, f.Arguments[1].Start, "binder error", $"invalid JSON path '{SourceLocation.Quote(pathValue.Text)}': {error}");
        }

        return new JsonExtractEvaluator(arguments[0], path, f.Name == "JSON_EXTRACT_STRING", SourceLocation.Describe(text, f.Start), f.Start);
    }

    private static QueryException Error(string text, int position, string kind, string why) =>
        new($"{kind} at {SourceLocation.Describe(text, position)}: {why}", position);
}
