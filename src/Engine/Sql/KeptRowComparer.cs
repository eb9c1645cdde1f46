using OrleansProc.Engine.Sql.Evaluation;
using OrleansProc.Engine.Values;

namespace OrleansProc.Engine.Sql;

/// <summary>
/// The ORDER BY order of kept rows, with NULLs last unless NULLS FIRST. Rows equal on every sort key are ordered
/// by all their values, so the order is total and the result does not depend on how partials were merged.
/// </summary>
internal sealed class KeptRowComparer : IComparer<KeptRow>
{
    private readonly SortKey[] _keys;

    public KeptRowComparer(SortKey[] keys)
    {
        _keys = keys;
    }

    public int Compare(KeptRow? x, KeptRow? y)
    {
        if (ReferenceEquals(x, y))
        {
            return 0;
        }

        if (x is null || y is null)
        {
            return x is null ? -1 : 1;
        }

        foreach (var key in _keys)
        {
            var a = key.OutputIndex >= 0 ? x.Values[key.OutputIndex] : x.Keys[key.KeyIndex];
            var b = key.OutputIndex >= 0 ? y.Values[key.OutputIndex] : y.Keys[key.KeyIndex];
            int c;
            if (a.IsNull || b.IsNull)
            {
                if (a.IsNull && b.IsNull)
                {
                    continue;
                }

                c = a.IsNull == key.NullsFirst ? -1 : 1;
            }
            else
            {
                c = SqlValueComparer.Compare(a, b);
                if (key.Descending)
                {
                    c = -c;
                }
            }

            if (c != 0)
            {
                return c;
            }
        }

        var t = CompareAll(x.Values, y.Values);
        return t != 0 ? t : CompareAll(x.Keys, y.Keys);
    }

    private static int CompareAll(SqlValue[] a, SqlValue[] b)
    {
        for (var i = 0; i < a.Length && i < b.Length; i++)
        {
            var c = SqlValueComparer.CompareNullsLast(a[i], b[i]);
            if (c != 0)
            {
                return c;
            }
        }

        return 0;
    }
}
