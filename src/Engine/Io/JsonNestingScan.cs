using System.Buffers;

namespace OrleansProc.Engine.Io;

/// <summary>
/// Finds where a JSON object or array ends without parsing it: counts '{' and '[' up and '}' and ']' down outside
/// strings, and skips strings with their backslash escapes. Its state carries over from one piece of input to the
/// next, so a value may span buffers. It does not check the JSON (the parser does that on the value it frames).
/// </summary>
internal struct JsonNestingScan
{
    private static readonly SearchValues<byte> s_structural = SearchValues.Create("\"{}[]"u8);
    private static readonly SearchValues<byte> s_stringEnd = SearchValues.Create("\"\\"u8);

    private long _depth;
    private bool _inString;
    private bool _escaped;

    /// <summary>
    /// Scans <paramref name="data"/>, which continues what was scanned before: the length up to and including the
    /// byte that closes the outermost value, or -1 when <paramref name="data"/> ends first (all of it is then scanned).
    /// </summary>
    public int Scan(ReadOnlySpan<byte> data)
    {
        var i = 0;
        while (i < data.Length)
        {
            if (_escaped)
            {
                _escaped = false;
                i++;
                continue;
            }

            if (_inString)
            {
                var next = data[i..].IndexOfAny(s_stringEnd);
                if (next < 0)
                {
                    return -1;
                }

                i += next;
                if (data[i] == '\\')
                {
                    _escaped = true;
                }
                else
                {
                    _inString = false;
                }

                i++;
                continue;
            }

            var structural = data[i..].IndexOfAny(s_structural);
            if (structural < 0)
            {
                return -1;
            }

            i += structural;
            switch (data[i])
            {
                case (byte)'"':
                    _inString = true;
                    break;
                case (byte)'{' or (byte)'[':
                    _depth++;
                    break;
                default:
                    if (--_depth == 0)
                    {
                        return i + 1;
                    }

                    break;
            }

            i++;
        }

        return -1;
    }
}
